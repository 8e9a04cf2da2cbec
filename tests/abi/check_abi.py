#!/usr/bin/env python3
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
"""d3dumd-abi: the DDI headers lay out every structure exactly as the
Windows x64 compiler does.

Every struct defined in include/d3dumddi is enumerated from the headers;
a generated C file stores sizeof, _Alignof and offsetof of every named
member, and one object per bit-field with that field set to all ones (so
its bit position and width show in the bytes).  The file is compiled to
assembly with the native compiler and with x86_64-w64-mingw32-gcc (nothing
runs on Windows or Wine), the emitted data are read back and compared.
pins.c adds sizes and offsets derived by hand, as static assertions, for
both compilers."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile


def report(sub, ok):
    print('PIGLIT: {"subtest": {"%s": "%s"}}' % (sub, 'pass' if ok else 'fail'))


def finish(result, automatic):
    print('PIGLIT: {"result": "%s"}' % result)
    if result == 'pass':
        sys.exit(0)
    if result == 'skip':
        sys.exit(0 if automatic else 77)
    sys.exit(1)


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    return re.sub(r'//[^\n]*', '', text)


def our_structs(header_dir):
    """Typedef names of the structs our headers define."""
    names = []
    for f in sorted(os.listdir(header_dir)):
        if not f.endswith('.h'):
            continue
        text = strip_comments(open(os.path.join(header_dir, f), encoding='utf-8').read())
        for m in re.finditer(r'typedef\s+struct\s+(\w+)\s*\{', text):
            # the typedef name after the matching brace
            depth, i = 0, m.end() - 1
            while True:
                if text[i] == '{':
                    depth += 1
                elif text[i] == '}':
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            tail = re.match(r'\s*(\w+)', text[i + 1:])
            if tail:
                names.append(tail.group(1))
        for m in re.finditer(r'(?<!typedef )\bstruct\s+_(\w+)\s*\{', text):
            names.append(m.group(1))
    return sorted(set(names))


def find_body(pre, name):
    """Body of the struct named NAME (typedef name) in preprocessed text."""
    m = re.search(r'typedef\s+struct\s+_%s\s*\{' % re.escape(name), pre) or \
        re.search(r'\bstruct\s+_%s\s*\{' % re.escape(name), pre)
    if not m:
        return None
    depth, i = 0, m.end() - 1
    start = i
    while True:
        if pre[i] == '{':
            depth += 1
        elif pre[i] == '}':
            depth -= 1
            if depth == 0:
                return pre[start + 1:i]
        i += 1


def split_members(body):
    """Top-level declarations of a struct body (nested braces kept)."""
    out, depth, cur = [], 0, ''
    for ch in body:
        cur += ch
        if ch == '{':
            depth += 1
        elif ch == '}':
            depth -= 1
        elif ch == ';' and depth == 0:
            out.append(cur.strip())
            cur = ''
    return out


def members(body):
    """(named, bitfields): direct member names (through anonymous
    structs/unions) and bit-field names."""
    named, bits = [], []
    for decl in split_members(body):
        decl = ' '.join(decl.split())
        if '{' in decl:
            inner = decl[decl.index('{') + 1:decl.rindex('}')]
            after = decl[decl.rindex('}') + 1:].strip(' ;')
            if after:
                named.append(re.findall(r'(\w+)\s*(?:\[[^\]]*\])?$', after)[0])
            else:
                n, b = members(inner)
                named += n
                bits += b
            continue
        if ':' in decl:
            bits.append(re.match(r'.*?(\w+)\s*:', decl).group(1))
            continue
        m = re.search(r'(\w+)\s*(?:\[[^\]]*\])*\s*;$', decl)
        if m:
            named.append(m.group(1))
    return named, bits


def read_symbols(asm):
    """symbol -> bytes of its initialised data, from GNU as output."""
    syms, cur = {}, None
    for line in asm.splitlines():
        line = line.strip()
        m = re.match(r'^(abi_\w+):$', line)
        if m:
            cur = m.group(1)
            syms[cur] = b''
            continue
        if cur is None:
            continue
        m = re.match(r'^\.(byte|short|value|word|long|int|quad|zero|space)\s+(.*)$', line)
        if m:
            kind, arg = m.group(1), m.group(2).split(',')[0].strip()
            val = int(arg, 0)
            size = {'byte': 1, 'short': 2, 'value': 2, 'word': 2, 'long': 4, 'int': 4,
                    'quad': 8}.get(kind)
            if size:
                syms[cur] += (val & ((1 << (8 * size)) - 1)).to_bytes(size, 'little')
            else:
                syms[cur] += b'\0' * val
        elif line.startswith('.') and not line.startswith(('.align', '.p2align', '.size', '.type')):
            if not line.startswith('.ident'):
                cur = None
        elif re.match(r'^\w+:$', line):
            cur = None
    return syms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--include', action='append', default=[])
    ap.add_argument('--headers', required=True, help='our header directory')
    ap.add_argument('--pins', required=True)
    ap.add_argument('--native-cc', default='cc')
    ap.add_argument('--mingw-cc', default='x86_64-w64-mingw32-gcc')
    args, rest = ap.parse_known_args()
    automatic = '-auto' in rest

    if not shutil.which(args.mingw_cc):
        print('skip: %s not found (Debian package gcc-mingw-w64-x86-64)' % args.mingw_cc)
        finish('skip', automatic)

    incs = []
    for d in args.include + [args.headers]:
        incs += ['-I', d]
    defs = ['-DD3D_UMD_INTERFACE_VERSION=0x3004', '-std=c11']
    tmp = tempfile.mkdtemp(prefix='d3dumd-abi-')
    try:
        src = os.path.join(tmp, 'pre.c')
        open(src, 'w').write('#include "d3dumddi.h"\n')
        pre = subprocess.run([args.native_cc, '-E', '-P'] + defs + incs + [src],
                             capture_output=True, text=True, check=True).stdout

        names = our_structs(args.headers)
        lines = ['#include <stddef.h>', '#include "d3dumddi.h"', '']
        checked_members = checked_bits = 0
        for name in names:
            body = find_body(pre, name)
            if body is None:
                continue  # gated out at this interface version
            named, bits = members(body)
            lines.append('const unsigned long long abi_%s__size = sizeof(%s);' % (name, name))
            lines.append('const unsigned long long abi_%s__align = _Alignof(%s);' % (name, name))
            for mem in named:
                lines.append('const unsigned long long abi_%s_%s = offsetof(%s, %s);'
                             % (name, mem, name, mem))
                checked_members += 1
            for b in bits:
                if b.startswith('Reserved'):
                    continue
                lines.append('const %s abi_%s__bit_%s = { .%s = ~0ull };' % (name, name, b, b))
                checked_bits += 1
        gen = os.path.join(tmp, 'layout.c')
        open(gen, 'w').write('\n'.join(lines) + '\n')

        results = {}
        for cc, tag in ((args.native_cc, 'native'), (args.mingw_cc, 'mingw')):
            out = os.path.join(tmp, tag + '.s')
            r = subprocess.run([cc, '-S', '-O0', '-w', '-o', out] + defs + incs + [gen],
                               capture_output=True, text=True)
            if r.returncode:
                print(r.stderr[-4000:])
                report('compile-' + tag, False)
                finish('fail', automatic)
            results[tag] = read_symbols(open(out).read())
            r = subprocess.run([cc, '-fsyntax-only'] + defs + incs + [args.pins],
                               capture_output=True, text=True)
            print(r.stderr[-4000:], end='')
            report('pins-' + tag, r.returncode == 0)
            if r.returncode:
                finish('fail', automatic)

        native, mingw = results['native'], results['mingw']
        diffs = [k for k in sorted(set(native) | set(mingw)) if native.get(k) != mingw.get(k)]
        for k in diffs[:40]:
            print('  differs: %s native=%s mingw=%s' % (k, native.get(k, b'').hex(),
                                                        mingw.get(k, b'').hex()))
        empty = [k for k in native if not native[k]]
        print('%d structs, %d member offsets, %d bit-fields compared; %d differ'
              % (len([n for n in names if find_body(pre, n)]), checked_members,
                 checked_bits, len(diffs)))
        ok = not diffs and not empty and len(native) > 100
        report('layout-native-vs-mingw', ok)
        finish('pass' if ok else 'fail', automatic)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    main()
