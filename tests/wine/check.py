#!/usr/bin/env python3
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
"""Checks a run of Wine's d3d9 tests (scripts/wine-tests.sh step 6).

For every platform and test file it reads RESULTS/<platform>/<file>.log,
.rc (the exit status) and .time (wall seconds), and fails the file on:
  - a hang: exit status 124 or 137, from `timeout`;
  - not our d3d9: no `d3dumd-d3d9: loaded` line (with --wined3d: one);
  - no closing tally line (`<file>: N tests executed (...), S skipped.`);
  - a crash: an `unhandled exception` line (the test framework's or
    Wine's), or an exit status other than the tally's failure count
    (the test's exit status is that count, at most 255);
  - failures per test function (funcmap.py) that differ from
    EXPECTED_DIR/expected-<platform>.txt: a function failing that is not
    listed, failing more or fewer times than listed, or listed and now
    passing.  Functions in the flakes file may fail any number of times.
    Not checked with --wined3d.
It prints a table per platform beside wined3d's tallies (those of
../shared/wine/winetests.md and, with --compare, those of a --wined3d run
of this script, in the same setup) and writes
RESULTS/summary.txt; the last line is `N passed, M failed`, one check per
file and platform.  --update-expected rewrites the expectation files from
the run instead of comparing (files without a tally keep their lines).

Expectation files: `file function count` lines; flakes:
`file function  # reason`; `#` starts a comment.
"""

import argparse
import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import funcmap  # noqa: E402

# wined3d's tallies on llvmpipe under Xvfb, Wine 8.0 on Debian bookworm,
# from ../shared/wine/winetests.md ("Baseline tallies" and "Strict
# variant"): executed, todo, failures, skipped, wall seconds.  That
# document gives only the failure counts for WINETEST_PLATFORM=windows
# (executed counts "were the same"); '-' where it gives nothing.
WINED3D = {
    'wine': {
        'd3d9ex': ('2155', '85', '0', '6', '75-81'),
        'device': ('158132', '128', '7-9', '13', '275-285'),
        'stateblock': ('14738', '0', '0', '0', '1.8-3.7'),
        'visual': ('149630', '56', '2', '17', '346-478'),
    },
    'windows': {
        'd3d9ex': ('2155', '-', '75', '-', '-'),
        'device': ('158132', '-', '125', '-', '-'),
        'stateblock': ('14738', '-', '0', '-', '-'),
        'visual': ('149630', '-', '40', '-', '-'),
    },
}

OURS_RE = re.compile(r'd3dumd-d3d9: loaded ')
CRASH_RE = re.compile(r'unhandled exception|Unhandled page fault|Unhandled illegal instruction'
                      r'|Unhandled stack overflow|wine: Unhandled', re.I)


def read_list(path, nfields):
    """[(fields, reason, lineno)] of a `#`-commented list file."""
    entries = []
    if not os.path.exists(path):
        return entries
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            body, _, reason = line.partition('#')
            fields = body.split()
            if not fields:
                continue
            if len(fields) != nfields:
                sys.exit('check: %s:%d: expected %d fields, got %r' % (path, n, nfields, line))
            entries.append((fields, reason.strip(), n))
    return entries


def read_expected(path):
    exp = collections.defaultdict(dict)
    for (test, func, count), _, n in read_list(path, 3):
        if not count.isdigit() or int(count) == 0:
            sys.exit('check: %s:%d: the count must be a positive integer' % (path, n))
        exp[test][func] = int(count)
    return exp


def header_of(path):
    """The leading comment block of an expectation file."""
    lines = []
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            for line in f:
                if not line.startswith('#') and line.strip():
                    break
                lines.append(line)
    return ''.join(lines)


def read_file(path, default=''):
    try:
        with open(path, encoding='utf-8') as f:
            return f.read().strip()
    except OSError:
        return default


def check_file(args, fmap, platform, test, expected, flakes):
    """(result dict) for one log."""
    base = os.path.join(args.results, platform, test)
    res = {'test': test, 'problems': [], 'notes': [], 'tally': None, 'counts': {},
           'wall': read_file(base + '.time', '-')}
    if not os.path.exists(base + '.log'):
        res['problems'].append('no log (%s.log)' % base)
        return res
    rc = int(read_file(base + '.rc', '-1'))
    tally, failures, lines = funcmap.parse_log(base + '.log')
    res['tally'] = tally
    if rc in (124, 137):
        res['problems'].append('hang: killed by timeout after %s s' % args.timeout)
    ours = any(OURS_RE.search(line) for line in lines)
    if args.wined3d and ours:
        res['problems'].append("our d3d9 ran, not Wine's (a 'd3dumd-d3d9: loaded' line)")
    elif not args.wined3d and not ours:
        res['problems'].append("not our d3d9: no 'd3dumd-d3d9: loaded' line")
    crash = [line.strip() for line in lines if CRASH_RE.search(line)]
    if crash:
        res['problems'].append('crash: ' + crash[0][:200])
    if tally is None:
        if rc not in (124, 137):
            res['problems'].append('no tally line (exit status %d)' % rc)
    else:
        if tally['test'] != test:
            res['problems'].append('the tally is for %r' % tally['test'])
        if rc not in (124, 137) and rc != min(tally['failures'], 255):
            res['problems'].append('crash: exit status %d, but the tally counts %d failures'
                                   % (rc, tally['failures']))
    counts = funcmap.count_functions(fmap, test, failures)
    res['counts'] = counts
    if tally is not None and sum(counts.values()) != tally['failures']:
        res['notes'].append('%d failure lines for a tally of %d failures'
                            % (sum(counts.values()), tally['failures']))
    if args.wined3d or args.update_expected:
        return res
    exp = expected.get(test, {})
    for func in sorted(set(counts) | set(exp)):
        got, want = counts.get(func, 0), exp.get(func, 0)
        if func in flakes.get(test, {}):
            if got:
                res['notes'].append('flaky %s: %d failures (%s)' % (func, got, flakes[test][func]))
            continue
        if got == want:
            continue
        if not want:
            res['problems'].append('new failure: %s fails %d times' % (func, got))
        elif not got:
            res['problems'].append('fixed: %s now passes (expected %d failures): remove it'
                                   % (func, want))
        elif got > want:
            res['problems'].append('%s fails %d times, expected %d' % (func, got, want))
        else:
            res['problems'].append('%s fails %d times, fewer than the expected %d: update it'
                                   % (func, got, want))
    return res


def write_expected(path, platform, old, results, flakes):
    header = header_of(path) or (
        '# Wine d3d9 test failures expected on our runtime, WINETEST_PLATFORM=%s\n'
        '# (scripts/wine-tests.sh; `file function count`, counts from tests/wine/funcmap.py).\n'
        '# Rewritten by `bash scripts/wine-tests.sh --update-expected`.\n' % platform)
    rows = {test: dict(funcs) for test, funcs in old.items()}
    for res in results:
        if res['tally'] is None:
            continue   # a file that did not finish keeps its lines
        rows[res['test']] = {f: c for f, c in res['counts'].items()
                             if c and f not in flakes.get(res['test'], {})}
    with open(path, 'w', encoding='utf-8') as f:
        f.write(header.rstrip('\n') + '\n')
        for test in sorted(rows):
            for func in sorted(rows[test]):
                f.write('%s %s %d\n' % (test, func, rows[test][func]))


def tally_cols(t):
    if not t:
        return ('-', '-', '-', '-')
    return (t['executed'], t['todo'], t['failures'], t['skipped'])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--src', required=True)
    ap.add_argument('--results', required=True)
    ap.add_argument('--platforms', default='wine windows')
    ap.add_argument('--expected-dir', required=True)
    ap.add_argument('--flakes', required=True)
    ap.add_argument('--timeout', default='?')
    ap.add_argument('--update-expected', action='store_true')
    ap.add_argument('--wined3d', action='store_true')
    ap.add_argument('--compare', help="a --wined3d run's results dir, shown beside ours")
    ap.add_argument('--setup', default='', help='a note on the setup, for the header')
    ap.add_argument('files', nargs='+')
    args = ap.parse_args()

    fmap = funcmap.FuncMap(args.src)
    flakes = collections.defaultdict(dict)
    for (test, func), reason, n in read_list(args.flakes, 2):
        if not reason:
            sys.exit('check: %s:%d: a flake needs its reason after `#`' % (args.flakes, n))
        flakes[test][func] = reason

    out = []
    passed = failed = 0
    what = "Wine's own d3d9 (wined3d)" if args.wined3d else 'our runtime'
    for platform in args.platforms.split():
        exp_path = os.path.join(args.expected_dir, 'expected-%s.txt' % platform)
        expected = read_expected(exp_path)
        results = [check_file(args, fmap, platform, t, expected, flakes) for t in args.files]
        out.append('')
        out.append('Wine d3d9 tests on %s, WINETEST_PLATFORM=%s%s' % (
            what, platform, ' (the default under Wine)' if platform == 'wine' else ''))
        if args.setup:
            out.append('(%s)' % args.setup)
        compare = args.compare and os.path.isdir(os.path.join(args.compare, platform))
        out.append('%-10s %8s %5s %8s %7s %8s | %-34s%s | %s' % (
            'file', 'executed', 'todo', 'failures', 'skipped', 'wall s',
            'wined3d (winetests.md): exec todo fail skip wall',
            ' | %-32s' % 'wined3d here: exec todo fail skip wall' if compare else '',
            'result'))
        for res in results:
            t = res['tally']
            ref = WINED3D.get(platform, {}).get(res['test'], ('-',) * 5)
            ok = not res['problems']
            passed += ok
            failed += not ok
            here = ''
            if compare:
                base = os.path.join(args.compare, platform, res['test'])
                ct = (funcmap.parse_log(base + '.log')[0]
                      if os.path.exists(base + '.log') else None)
                here = ' | %-32s' % (' '.join(str(ct[k]) for k in
                                              ('executed', 'todo', 'failures', 'skipped'))
                                     + ' ' + read_file(base + '.time', '-') if ct else '-')
            out.append('%-10s %8s %5s %8s %7s %8s | %-48s%s | %s' % (
                (res['test'],) + tally_cols(t) + (res['wall'], ' '.join(ref), here,
                                                  'ok' if ok else 'FAIL')))
        for res in results:
            for p in res['problems']:
                out.append('  %s (%s): FAIL: %s' % (res['test'], platform, p))
            for n in res['notes']:
                out.append('  %s (%s): note: %s' % (res['test'], platform, n))
        failing = [(r['test'], f, c) for r in results for f, c in sorted(r['counts'].items())]
        if failing:
            out.append('  failing functions (file function count):')
            out.extend('    %s %s %d' % x for x in failing)
        if args.update_expected:
            write_expected(exp_path, platform, expected, results, flakes)
            out.append('  wrote %s' % exp_path)
    out.append('')
    out.append('%d passed, %d failed' % (passed, failed))
    text = '\n'.join(out) + '\n'
    sys.stdout.write(text)
    with open(os.path.join(args.results, 'summary.txt'), 'w', encoding='utf-8') as f:
        f.write(text.lstrip('\n'))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
