#!/usr/bin/env python3
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
"""Maps the failure lines of a Wine test log to the test functions they
come from.

A Wine test reports a failed check as `device.c:1234: Test failed: ...`
and a todo check that passed (which also counts as a failure in the
tally) as `device.c:1234: Test succeeded inside todo block: ...`.  The
line is the check's own line, or, for helpers that take the caller's
line (`ok_(__FILE__, line)`), the caller's.  This script finds the
function whose body holds that line by reading the test's C source:
Wine's test files put a function's opening and closing braces in column
0, so a function is the text between a `{` line and the next `}` line,
named by the first identifier followed by `(` in the lines before the
`{` (struct and array initialisers, which also open in column 0, have
`=` or no `(` there and are skipped; `#if 0` blocks, which hold the HLSL
of the tests' shaders, and the bodies of multi-line macros, which may
close a `do {` in column 0, are ignored).

    funcmap.py --src DIR LOG [--test NAME]

prints `test function count` for every function with failures, sorted.
`test` is the log's test name (from its tally line, or --test); a line
that points into another file (utils.h) is counted as `utils.h:func`.
Imported by tests/wine/check.py.
"""

import argparse
import collections
import os
import re
import sys

# The text between `file.c:LINE:` and `Test ...` is winetest_elapsed(),
# empty unless WINETEST_TIME is set.
FAIL_RE = re.compile(r'([A-Za-z0-9_.-]+\.[ch]):(\d+):[0-9.]* '
                     r'Test (?:failed|succeeded inside todo block): ')
# run_test()'s closing line (include/wine/test.h in Wine 8.0):
# "%04x:%s:%s %d tests executed (%d marked as todo, %d as flaky, %d %s), %d skipped."
TALLY_RE = re.compile(r'^(?:[0-9a-f]+):([A-Za-z0-9_]+):[0-9.]* (\d+) tests executed '
                      r'\((\d+) marked as todo, (\d+) as flaky, (\d+) failures?\), '
                      r'(\d+) skipped\.')
NAME_RE = re.compile(r'\b([A-Za-z_][A-Za-z0-9_]*)\s*\(')
NOT_NAMES = {'if', 'while', 'for', 'switch', 'return', 'sizeof', 'DECLSPEC_HIDDEN',
             '__attribute__', 'WINAPI', 'CALLBACK', 'STDMETHODCALLTYPE'}


def function_ranges(path):
    """[(first_line, last_line, name)] for the functions of a C file."""
    ranges = []
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.read().split('\n')
    start = None
    name = None
    skip = 0   # nesting depth inside `#if 0` (HLSL sources of shaders)
    continued = False   # inside a multi-line #define
    for i, line in enumerate(lines, 1):
        directive = line.replace(' ', '')
        if continued or directive.startswith('#'):
            # A macro's body may hold `} while (0)` in column 0.
            continued = line.rstrip().endswith('\\')
            if not directive.startswith('#if') and not directive.startswith('#endif'):
                continue
        if skip:
            if directive.startswith('#if'):
                skip += 1
            elif directive.startswith('#endif'):
                skip -= 1
            continue
        if directive.startswith('#if0'):
            skip = 1
            continue
        if start is None and line.startswith('{'):
            # The signature: the lines since the last blank line, `;`,
            # `}` or preprocessor line.
            sig = []
            j = i - 2
            while j >= 0:
                prev = lines[j]
                s = prev.strip()
                if not s or s.endswith(';') or s.startswith('}') or s.startswith('#') \
                        or s.endswith('*/'):
                    break
                sig.insert(0, prev)
                j -= 1
            text = ' '.join(sig)
            name = None
            if '=' not in text.split('(')[0]:
                for m in NAME_RE.finditer(text):
                    if m.group(1) not in NOT_NAMES:
                        name = m.group(1)
                        break
            start = i
        elif start is not None and line.startswith('}'):
            if name:
                ranges.append((start, i, name))
            start = None
    return ranges


class FuncMap:
    """Line-to-function lookup over the .c/.h files of one directory."""

    def __init__(self, srcdir):
        self.srcdir = srcdir
        self.cache = {}

    def function(self, fname, line):
        if fname not in self.cache:
            path = os.path.join(self.srcdir, fname)
            self.cache[fname] = function_ranges(path) if os.path.exists(path) else []
        for first, last, name in self.cache[fname]:
            if first <= line <= last:
                return name
        return '<file-scope:%d>' % line


def parse_log(path):
    """(tally or None, [(file, line)] of failures, lines) of one log."""
    tally = None
    failures = []
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.read().split('\n')
    for line in lines:
        m = TALLY_RE.search(line)
        if m:
            tally = {'test': m.group(1), 'executed': int(m.group(2)),
                     'todo': int(m.group(3)), 'flaky': int(m.group(4)),
                     'failures': int(m.group(5)), 'skipped': int(m.group(6))}
            continue
        for m in FAIL_RE.finditer(line):
            failures.append((m.group(1), int(m.group(2))))
    return tally, failures, lines


def count_functions(fmap, test, failures):
    """{function: count}; functions of other files are `file:function`."""
    counts = collections.Counter()
    for fname, line in failures:
        func = fmap.function(fname, line)
        if fname != test + '.c':
            func = fname + ':' + func
        counts[func] += 1
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--src', required=True, help="the tests' source dir (dlls/d3d9/tests)")
    ap.add_argument('--test', help='test name, when the log has no tally line')
    ap.add_argument('log')
    args = ap.parse_args()
    tally, failures, _ = parse_log(args.log)
    test = args.test or (tally and tally['test'])
    if not test:
        sys.exit('funcmap: %s has no tally line; name the test with --test' % args.log)
    counts = count_functions(FuncMap(args.src), test, failures)
    for func in sorted(counts):
        print(test, func, counts[func])


if __name__ == '__main__':
    main()
