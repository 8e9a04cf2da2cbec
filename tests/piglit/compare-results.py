#!/usr/bin/python3
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
"""Check a `piglit run` of d3dumd.xml.gz against d3dumd-runner.py's results.

    compare-results.py PIGLIT_RESULTS_DIR [RUNNER_RESULTS_DIR]

Fails (exit 1) when piglit reports anything but pass or skip for a test,
when piglit ran no test, when a test of the profile is missing from piglit's
results, and, given the runner's results, when a test's status differs
between the two runs (say a test piglit could not start: piglit calls a
missing executable a skip).  A test's status is computed as piglit's summary
does: the worst subtest when there are subtests, else the result.

Prints `N passed, M failed` last, like the runner.  Standard library only.
"""

import bz2
import gzip
import json
import lzma
import os
import sys

SEVERITY = {
    'notrun': -1, 'skip': -1, 'pass': 0, 'warn': 10, 'dmesg-warn': 20,
    'fail': 30, 'dmesg-fail': 40, 'timeout': 50, 'crash': 60,
    'incomplete': 100,
}
OPENERS = [('results.json', open), ('results.json.bz2', bz2.open),
           ('results.json.gz', gzip.open), ('results.json.xz', lzma.open)]


def load(path):
    if os.path.isfile(path):
        candidates = [(os.path.basename(path), None)]
        path = os.path.dirname(path)
    else:
        candidates = OPENERS
    for name, opener in candidates:
        f = os.path.join(path, name)
        if os.path.exists(f):
            if opener is None:
                opener = dict(OPENERS).get(name, open)
            with opener(f, 'rt') as fd:
                return json.load(fd)
    sys.exit('compare-results: no results.json* in ' + path)


def status(t):
    subs = {k: v for k, v in (t.get('subtests') or {}).items()
            if k != '__type__'}
    if subs and t['result'] != 'crash':
        return max(subs.values(), key=lambda s: SEVERITY.get(s, 100))
    return t['result']


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    piglit = load(sys.argv[1])['tests']
    ours = load(sys.argv[2])['tests'] if len(sys.argv) == 3 else None

    problems = []       # messages
    bad = set()         # names of tests that count as failed
    skipped = 0
    for name in sorted(piglit):
        s = status(piglit[name])
        if s in ('skip', 'notrun'):
            skipped += 1
        elif s != 'pass':
            bad.add(name)
            out = (piglit[name].get('out') or '') + (piglit[name].get('err') or '')
            problems.append('{}: piglit says {} (exit {})\n  {}'.format(
                name, s, piglit[name].get('returncode'),
                '\n  '.join(out.rstrip().splitlines()[-10:])))
    if not piglit:
        problems.append('piglit ran no test')
    if ours is not None:
        for name in sorted(set(ours) | set(piglit)):
            if name not in piglit:
                problems.append('{}: missing from piglit\'s results'.format(name))
            elif name not in ours:
                problems.append('{}: not in d3dumd-runner\'s results'.format(name))
            elif status(ours[name]) != status(piglit[name]):
                problems.append('{}: d3dumd-runner says {}, piglit says {} '
                                '(exit {}; runner: {})'.format(
                                    name, status(ours[name]),
                                    status(piglit[name]),
                                    piglit[name].get('returncode'),
                                    ours[name].get('exception')))
            else:
                continue
            bad.add(name)
    for p in problems:
        print('compare-results: ' + p)
    if ours is not None and not problems:
        print('compare-results: piglit agrees with d3dumd-runner on all {} '
              'tests'.format(len(piglit)))
    passed = sum(1 for n in piglit if n not in bad and
                 status(piglit[n]) == 'pass')
    print('{} skipped'.format(skipped))
    print('{} passed, {} failed'.format(passed, len(bad)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
