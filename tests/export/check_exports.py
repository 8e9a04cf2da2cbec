#!/usr/bin/env python3
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
"""d3dumd-export-surface: the driver's dynamic symbol table defines exactly
one symbol, OpenAdapter (a D3D9 runtime looks up nothing else)."""

import subprocess
import sys


def main():
    paths = [a for a in sys.argv[1:] if not a.startswith('-')]
    if not paths:
        print('usage: check_exports.py DRIVER.so')
        return 2
    out = subprocess.run(['nm', '-D', '--defined-only', paths[0]],
                         capture_output=True, text=True, check=True).stdout
    symbols = sorted(line.split()[-1] for line in out.splitlines()
                     if line.strip() and line.split()[1] in 'TtDdBbRrVvWwiu')
    ok = symbols == ['OpenAdapter']
    print('defined dynamic symbols: %s' % ', '.join(symbols))
    print('PIGLIT: {"subtest": {"only-openadapter": "%s"}}' % ('pass' if ok else 'fail'))
    print('PIGLIT: {"result": "%s"}' % ('pass' if ok else 'fail'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
