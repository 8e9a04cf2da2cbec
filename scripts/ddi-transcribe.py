#!/usr/bin/env python3
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
"""Transcribes the declarations of d3dumddi.h's function tables from the
reference pages in ../shared/ref/wdk-ddi (their syntax and prototype
blocks), so that names, member order, types and version gates are the
reference's and nothing else: no prose is taken.  The output is reviewed
and committed as include/d3dumddi/d3dumddi_decls.h; this script records how
it was made and checks it stays in sync (--check)."""

import argparse
import os
import re
import sys

REF = None

SAL = re.compile(r'\b(__checkReturn|_Check_return_|_In_opt_|_In_|_Inout_opt_|_Inout_|_Out_opt_|_Out_|'
                 r'_Out_writes_bytes_\([^)]*\)|_In_reads_bytes_\([^)]*\)|'
                 r'_Out_writes_\([^)]*\)|_In_reads_\([^)]*\)|_Outptr_|CALLBACK|__in|__out|__inout|__in_opt|__out_opt|__out_bcount\([^)]*\)|__in_bcount\([^)]*\)|__out_ecount\([^)]*\)|__in_ecount\([^)]*\))(?!\w)')


def page(kind, header, name):
    path = os.path.join(REF, header, '%s-%s-%s.md' % (kind, header, name.lower()))
    return open(path, encoding='utf-8').read() if os.path.exists(path) else None


def block(text, section):
    m = re.search(r'## -%s\s*\n+````\s*\n(.*?)````' % section, text, flags=re.S)
    return m.group(1) if m else None


def struct_block(header, name):
    """The syntax block of struct NAME (without leading underscore)."""
    for cand in ('_' + name, name):
        text = page('ns', header, cand)
        if text:
            return block(text, 'syntax')
    return None


def members(body):
    """(gate-or-None, type, member) lines of a table struct."""
    out = []
    inner = body[body.index('{') + 1:body.rindex('}')]
    for line in inner.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith('#'):
            out.append(('#', re.sub(r'\s+', ' ', line).rstrip()))
            continue
        m = re.match(r'([A-Za-z_][\w ]*?\**)\s*(\*?)\s*(\w+)\s*;', line)
        if not m:
            sys.exit('cannot parse: ' + line)
        out.append((m.group(1).strip() + ((' ' + m.group(2)) if m.group(2) else ''), m.group(3)))
    return out


def prototype(pfn):
    text = page('nc', 'd3dumddi', pfn)
    if not text:
        return None
    proto = block(text, 'prototype')
    if not proto:
        return None
    proto = re.sub(r'_{1,2}\w*_[be]count\([^)]*\)', ' ', proto)
    proto = SAL.sub('', proto)
    m = re.search(r'(\w+)\s+APIENTRY\s*\*?\s*\w+\s*\((.*?)\)\s*\{', proto, flags=re.S)
    if not m:
        return None
    ret = m.group(1)
    params = []
    for p in m.group(2).split(','):
        p = ' '.join(p.split())
        if p:
            params.append(p)
    return ret, params



# Prototypes the reference set lacks a page for (or whose page lacks a
# prototype block), from the tables' own types and sibling pages.
FALLBACK = {
    'PFND3DDDI_SETVERTEXSHADERCONSTI': ('HRESULT', ['HANDLE hDevice',
        'const D3DDDIARG_SETVERTEXSHADERCONST *pData', 'const INT *pRegisters']),
    'PFND3DDDI_CREATECONTEXTCB': ('HRESULT', ['HANDLE hDevice',
        'D3DDDICB_CREATECONTEXT *pData']),
}

# Structures transcribed complete, in an order where every member held by
# value is complete before use (pointers need only the forward typedefs).
COMPLETE = [
    'D3DDDIRANGE', 'D3DDDIBOX', 'D3DDDI_CREATEDEVICEFLAGS', 'D3DDDI_LOCKFLAGS',
    'D3DDDI_UNLOCKFLAGS', 'D3DDDI_LOCKASYNCFLAGS', 'D3DDDI_UNLOCKASYNCFLAGS',
    'D3DDDI_BLTFLAGS', 'D3DDDI_COLORFILLFLAGS', 'D3DDDI_ISSUEQUERYFLAGS',
    'D3DDDICB_RENDERFLAGS', 'FORMATOP', 'DDIMULTISAMPLEQUALITYLEVELSDATA',
    'D3DDDIARG_GETCAPS', 'D3DDDIARG_CREATEDEVICE', 'D3DDDIARG_LOCK',
    'D3DDDIARG_UNLOCK',
    'D3DDDIARG_LOCKASYNC', 'D3DDDIARG_UNLOCKASYNC', 'D3DDDIARG_RENAME',
    'D3DDDIARG_BLT', 'D3DDDIARG_COLORFILL', 'D3DDDIARG_BUFFERBLT',
    'D3DDDIARG_VOLUMEBLT', 'D3DDDIARG_CREATEQUERY', 'D3DDDIARG_ISSUEQUERY',
    'D3DDDIARG_GETQUERYDATA', 'D3DDDI_OPENRESOURCEFLAGS',
    'D3DDDIARG_OPENRESOURCE', 'D3DDDIARG_DISCARD',
    'D3DDDICB_QUERYADAPTERINFO', 'D3DDDICB_GETMULTISAMPLEMETHODLIST',
    'D3DDDICB_CREATECONTEXT', 'D3DDDICB_DESTROYCONTEXT', 'D3DDDICB_ALLOCATE',
    'D3DDDICB_DEALLOCATE', 'D3DDDICB_LOCK', 'D3DDDICB_UNLOCK',
    'D3DDDICB_RENDER', 'D3DDDICB_PRESENT', 'D3DDDICB_ESCAPE',
    # Rendering.
    'D3DDDIARG_RENDERSTATE', 'D3DDDIARG_TEXTURESTAGESTATE',
    'D3DDDIARG_VALIDATETEXTURESTAGESTATE', 'D3DDDIARG_SETSTREAMSOURCE',
    'D3DDDIARG_SETSTREAMSOURCEUM', 'D3DDDIARG_SETSTREAMSOURCEFREQ',
    'D3DDDIARG_SETINDICES', 'D3DDDIARG_DRAWPRIMITIVE',
    'D3DDDIARG_DRAWINDEXEDPRIMITIVE', 'D3DDDIARG_DRAWPRIMITIVE2',
    'D3DDDIARG_DRAWINDEXEDPRIMITIVE2', 'D3DDDIARG_CLEAR',
    'D3DDDIARG_VIEWPORTINFO', 'D3DDDIARG_ZRANGE', 'D3DDDIARG_SETRENDERTARGET',
    'D3DDDIARG_SETDEPTHSTENCIL', 'D3DDDIVERTEXELEMENT',
    'D3DDDIARG_CREATEVERTEXSHADERDECL', 'D3DDDIARG_CREATEVERTEXSHADERFUNC',
    'D3DDDIARG_CREATEPIXELSHADER', 'D3DDDIARG_SETVERTEXSHADERCONST',
    'D3DDDIARG_SETPIXELSHADERCONST', 'D3DDDIARG_SETCLIPPLANE',
    'D3DDDIARG_TEXBLT', 'D3DDDIARG_GENERATEMIPSUBLEVELS', 'D3DDDIARG_DEPTHFILL',
    # Presentation.
    'D3DDDI_PRESENTFLAGS', 'D3DDDIARG_PRESENT', 'D3DDDIARG_SETDISPLAYMODE',
    'D3DDDICB_SETDISPLAYMODE',
]


def untypedef(body, name):
    """'typedef struct _X {...} X, *PX;' -> 'struct _X {...};'"""
    body = body.strip()
    m = re.match(r'typedef\s+struct\s+(\w+)\s*\{(.*)\}\s*([^;]*);\s*$', body, flags=re.S)
    if not m:
        sys.exit('cannot parse struct ' + name)
    tag, inner = m.group(1), m.group(2)
    # Normalise the syntax blocks' stray "#endif }" and trailing spaces.
    inner = re.sub(r'#endif\s*\}', '#endif\n}', inner)
    inner = '\n'.join(l.rstrip() for l in inner.splitlines())
    inner = inner.rstrip() + '\n'
    # The D3DDDICB_ALLOCATE block closes its #else without #endif.
    if inner.count('#if') > inner.count('#endif'):
        inner += '#endif\n'
    return tag, 'struct %s {%s};' % (tag, inner)


def main():
    global REF
    ap = argparse.ArgumentParser()
    ap.add_argument('--ref', default=os.path.join(os.path.dirname(__file__),
                                                  '..', '..', 'shared', 'ref', 'wdk-ddi'))
    ap.add_argument('--known', default='', help='file whose typedefs exist already')
    ap.add_argument('output')
    args = ap.parse_args()
    REF = args.ref
    known = set()
    if args.known:
        known = set(re.findall(r'\}\s*(\w+)\s*[,;]', open(args.known).read()))
        known |= set(re.findall(r'typedef\s+\w+\s+(\w+)\s*;', open(args.known).read()))

    tables = ['D3DDDI_DEVICEFUNCS', 'D3DDDI_DEVICECALLBACKS',
              'D3DDDI_ADAPTERFUNCS', 'D3DDDI_ADAPTERCALLBACKS']
    pfns = []
    seen = set()
    arg_types = set()
    table_text = []
    for name in tables:
        ms = members(struct_block('d3dumddi', name))
        table_text.append('struct _%s {' % name)
        gate = None
        for t, n in ms:
            if t == '#':
                table_text.append(n)
                gate = n if n.startswith('#if') else None
                continue
            table_text.append('   %-48s %s;' % (t, n))
            if t.startswith('PFN') and t not in seen:
                seen.add(t)
                proto = prototype(t) or FALLBACK.get(t)
                pfns.append((t, proto, gate))
                if proto:
                    for p in proto[1]:
                        arg_types.update(re.findall(
                            r'\b((?:D3DDDI|D3DDI|DXVAHDDDI|DXVADDI)\w+)\s*\*', p))
        table_text.append('};')
        table_text.append('')

    out = ['/* Transcribed from the reference pages by scripts/ddi-transcribe.py:',
           ' * declarations only (names, member order, types, version gates). */', '']
    out.append('/* Forward declarations: every argument structure of the tables. */')
    enums = {'D3DDDIQUERYTYPE', 'D3DDDICAPS_TYPE', 'D3DDDIFORMAT', 'D3DDDI_POOL',
             'D3DDDIMULTISAMPLE_TYPE', 'D3DDDI_ROTATION'}
    for t in sorted(arg_types | set(COMPLETE) | set(tables)):
        if t in known or t in enums:
            continue
        out.append('typedef struct _%s %s;' % (t, t))
    out.append('')
    out.append('/* Complete structures. */')
    for name in COMPLETE:
        body = struct_block('d3dumddi', name) or struct_block('d3dukmdt', name)
        if not body:
            sys.exit('no page for ' + name)
        tag, text = untypedef(body, name)
        if tag != '_' + name:
            sys.exit('%s: tag %s' % (name, tag))
        out.append(text)
        out.append('')
    out.append('/* Entry points and callbacks (arguments not listed above are')
    out.append(' * declared opaque until the driver implements them). */')
    for t, proto, gate in pfns:
        if gate:
            out.append(gate)
        if not proto:
            out.append('typedef void *%s; /* no prototype in the reference */' % t)
        else:
            ret, params = proto
            out.append('typedef %s (APIENTRY *%s)(%s);' % (ret, t, ', '.join(params)))
        if gate:
            out.append('#endif')
    out.append('')
    out.extend(table_text)
    text = ('\n'.join(out) + '\n').replace('\u00a0', ' ')
    # The D3DDDI_DEVICECALLBACKS syntax block ends with two WDDM 2.2 slots
    # outside any gate; left so, a WIN8 table would be two pointers longer
    # than the runtime's.  Gate them as the WDK header does.
    text = re.sub(r'(\n   PFND3DDDI_OFFERALLOCATIONS2CB[^\n]*\n   PFND3DDDI_RECLAIMALLOCATIONS3CB[^\n]*\n)',
                  '\n#if (D3D_UMD_INTERFACE_VERSION >= D3D_UMD_INTERFACE_VERSION_WDDM2_2)'
                  + r'\1' + '#endif\n', text)
    with open(args.output, 'w', encoding='utf-8') as f:
        f.write(text)


if __name__ == '__main__':
    main()
