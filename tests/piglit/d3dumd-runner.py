#!/usr/bin/python3
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
"""Run the d3dumd tests the way piglit would, and write piglit's results.

Reads the test list from `meson introspect --tests BUILDDIR` (command,
environment, working directory, timeout, suites, parallel flag), runs the
tests in parallel, parses the `PIGLIT: {...}` lines each test prints
(result and subtests) and writes OUTDIR/results.json in piglit's results
format (results_version 10), which `piglit summary console OUTDIR` and
`piglit summary html` read.

Test names: `d3dumd@<driver>@<test>`, where <test> is the meson test name
without its `d3dumd-` prefix and <driver> is the test's GALLIUM_DRIVER (or a
suite naming a Gallium driver); tests without a driver are `d3dumd@<test>`.

A test passes when it prints `PIGLIT: {"result": "pass"}`, its subtests
(if any) all pass or skip, and it exits 0.  It skips when it prints
`PIGLIT: {"result": "skip"}` and exits 77 (or 0 when run with -auto, as
piglit's framework runs it).  Everything else is a failure: a non-zero exit
with a pass line, a missing result line, a killed process (crash), a
timeout.

The last line printed is exactly `N passed, M failed` (CI reads it); skips
are counted on the line before.  Exit status: 0 when nothing failed, 1 when
something failed, 2 on usage errors.

Standard library only: run with /usr/bin/python3.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import random
import re
import shlex
import signal
import subprocess
import sys
import threading
import time

RESULTS_VERSION = 10
SKIP_EXIT_CODE = 77

# Gallium drivers a suite name may designate when a test sets no
# GALLIUM_DRIVER in its environment.
KNOWN_DRIVERS = {
    'llvmpipe', 'softpipe', 'zink', 'radeonsi', 'r300', 'r600', 'nouveau',
    'iris', 'crocus', 'i915', 'svga', 'virgl', 'freedreno', 'panfrost',
    'lima', 'etnaviv', 'v3d', 'vc4', 'd3d12', 'asahi', 'swr', 'swrast',
}

# piglit's statuses, worst last (framework/status.py).
SEVERITY = {
    'notrun': -1, 'skip': -1, 'pass': 0, 'warn': 10, 'dmesg-warn': 20,
    'fail': 30, 'dmesg-fail': 40, 'timeout': 50, 'crash': 60,
    'incomplete': 100,
}
ALL_STATUSES = ['pass', 'warn', 'dmesg-warn', 'fail', 'dmesg-fail',
                'timeout', 'crash', 'incomplete', 'notrun', 'skip']


def die(msg, code=2):
    print('d3dumd-runner: ' + msg, file=sys.stderr)
    sys.exit(code)


def short_suite(suite):
    """meson prefixes suites with the project name: 'mesa-d3dumd:llvmpipe'."""
    return suite.split(':', 1)[1] if ':' in suite else suite


def piglit_name(test):
    base = test['name']
    if base.startswith('d3dumd-'):
        base = base[len('d3dumd-'):]
    driver = (test.get('env') or {}).get('GALLIUM_DRIVER')
    if not driver:
        for s in test.get('suite') or []:
            if short_suite(s) in KNOWN_DRIVERS:
                driver = short_suite(s)
                break
    parts = ['d3dumd'] + ([driver] if driver else []) + [base]
    # piglit lowers every key (framework/profile.py TestDict).
    return '@'.join(parts).lower()


def load_tests(builddir, meson):
    try:
        out = subprocess.run([meson, 'introspect', '--tests', builddir],
                             check=True, stdout=subprocess.PIPE,
                             universal_newlines=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        die('cannot read the test list of {}: {}'.format(builddir, e))
    tests = json.loads(out)
    seen = collections.Counter()
    for t in tests:
        name = piglit_name(t)
        seen[name] += 1
        if seen[name] > 1:
            name = '{}-{}'.format(name, seen[name])
            print('d3dumd-runner: warning: duplicate test name, using ' +
                  name, file=sys.stderr)
        t['piglit_name'] = name
        t['short_suites'] = [short_suite(s) for s in t.get('suite') or []]
    return tests


def as_driver(tests, driver):
    """The llvmpipe suite's tests, run on another Gallium driver: its name
    in GALLIUM_DRIVER and nothing that forces software rendering (so that
    zink takes the machine's GPU; scripts/gpu-check.sh)."""
    out = []
    for t in tests:
        if 'llvmpipe' not in [short_suite(s) for s in t.get('suite') or []]:
            continue
        t = dict(t)
        env = dict(t.get('env') or {})
        env.pop('LIBGL_ALWAYS_SOFTWARE', None)
        env['GALLIUM_DRIVER'] = driver
        t['env'] = env
        t['suite'] = [driver]
        t['short_suites'] = [driver]
        t['piglit_name'] = piglit_name(t)
        out.append(t)
    return out


def select(tests, args):
    include = [re.compile(r) for r in args.regex]
    exclude = [re.compile(r) for r in args.exclude]
    chosen = []
    for t in tests:
        suites = set(t['short_suites']) | set(t.get('suite') or [])
        names = (t['piglit_name'], t['name'])
        if args.suite and not suites & set(args.suite):
            continue
        if args.exclude_suite and suites & set(args.exclude_suite):
            continue
        if include and not any(r.search(n) for r in include for n in names):
            continue
        if exclude and any(r.search(n) for r in exclude for n in names):
            continue
        chosen.append(t)
    return chosen


class Result:
    def __init__(self, test):
        self.test = test
        self.result = 'incomplete'
        self.subtests = collections.OrderedDict()
        self.out = ''
        self.err = ''
        self.returncode = None
        self.start = 0.0
        self.end = 0.0
        self.reason = None   # why the runner decided so, when it overrode
        self.env_str = ''
        self.command = ''

    def to_json(self):
        subtests = dict(self.subtests)
        subtests['__type__'] = 'Subtests'
        return {
            '__type__': 'TestResult',
            'command': self.command,
            'environment': self.env_str,
            'err': self.err,
            'out': self.out,
            'result': self.result,
            'returncode': self.returncode,
            'subtests': subtests,
            'time': {'__type__': 'TimeAttribute',
                     'start': self.start, 'end': self.end},
            'exception': self.reason,
            'traceback': None,
            'dmesg': '',
            'images': None,
            'pid': [],
        }


def parse_piglit_lines(out):
    """Returns (results list, subtests dict, error or None)."""
    results = []
    subtests = collections.OrderedDict()
    error = None
    for line in out.splitlines():
        if not line.startswith('PIGLIT:'):
            continue
        try:
            obj = json.loads(line[len('PIGLIT:'):])
        except ValueError:
            error = 'malformed PIGLIT line: ' + line.strip()
            continue
        if not isinstance(obj, dict):
            error = 'malformed PIGLIT line: ' + line.strip()
            continue
        if 'result' in obj:
            results.append(obj['result'])
        elif 'subtest' in obj and isinstance(obj['subtest'], dict):
            for k, v in obj['subtest'].items():
                subtests[k.lower()] = v
        elif 'enumerate subtests' in obj:
            for k in obj['enumerate subtests']:
                subtests.setdefault(k.lower(), 'notrun')
    for k, v in subtests.items():
        if v not in SEVERITY:
            error = 'unknown status "{}" for subtest {}'.format(v, k)
    return results, subtests, error


SANITIZER_RE = re.compile(
    r'^(SUMMARY: \w+Sanitizer: .*|.*: runtime error: .*|'
    r'==\d+==ERROR: \w+Sanitizer: .*)$', re.M)


def sanitizer_report(err):
    """The first line of a sanitizer's report in stderr, or None."""
    m = SANITIZER_RE.search(err)
    if not m:
        return None
    s = [l for l in SANITIZER_RE.findall(err) if l.startswith('SUMMARY:')]
    return 'sanitizer report: ' + (s[0] if s else m.group(1)).strip()


def judge(r, timed_out):
    """Sets r.result (and r.reason when the runner overrides the test)."""
    results, subtests, error = parse_piglit_lines(r.out)
    r.subtests = subtests
    rc = r.returncode
    auto = '-auto' in r.test['cmd'][1:]
    worst_sub = max((SEVERITY[v] for v in subtests.values()
                     if v in SEVERITY), default=-1)
    if timed_out:
        r.result = 'timeout'
        r.reason = 'timed out after {} s'.format(r.test['_timeout'])
        for k, v in subtests.items():
            if v == 'notrun':
                subtests[k] = 'timeout'
                break
    elif rc is not None and rc < 0:
        try:
            sig = signal.Signals(-rc).name
        except ValueError:
            sig = 'signal {}'.format(-rc)
        r.result = 'crash'
        r.reason = 'killed by ' + sig
        for k, v in subtests.items():
            if v == 'notrun':
                subtests[k] = 'crash'
                break
    elif sanitizer_report(r.err):
        r.result = 'fail'
        r.reason = 'exit code {}, {}'.format(rc, sanitizer_report(r.err))
    elif error:
        r.result = 'fail'
        r.reason = error
    elif not results:
        r.result = 'fail'
        r.reason = 'no PIGLIT result line (exit code {})'.format(rc)
    elif len(results) > 1:
        r.result = 'fail'
        r.reason = 'several PIGLIT result lines: ' + ', '.join(results)
    else:
        res = results[0]
        if res == 'pass' and rc == 0:
            r.result = 'pass'
            if worst_sub > SEVERITY['pass']:
                r.result = 'fail'
                r.reason = 'result pass but a subtest did not pass'
            elif any(v == 'notrun' for v in subtests.values()):
                r.result = 'fail'
                r.reason = 'result pass but an enumerated subtest never ran'
        elif res == 'skip' and (rc == SKIP_EXIT_CODE or (auto and rc == 0)):
            r.result = 'skip'
            if worst_sub > SEVERITY['pass']:
                r.result = 'fail'
                r.reason = 'result skip but a subtest failed'
        elif res == 'fail' and rc not in (0, SKIP_EXIT_CODE):
            r.result = 'fail'
        elif res in SEVERITY:
            r.result = 'fail'
            r.reason = 'exit code {} disagrees with PIGLIT result "{}"'.format(
                rc, res)
        else:
            r.result = 'fail'
            r.reason = 'unknown PIGLIT result "{}"'.format(res)

    # piglit's summary counts a test with subtests by its subtests: record
    # the runner's verdict as a subtest so that `piglit summary` counts the
    # same failure.
    if (r.result not in ('pass', 'skip') and subtests and
            SEVERITY[r.result] > max(SEVERITY.get(v, -1)
                                     for v in subtests.values())):
        subtests['d3dumd-runner'] = r.result


def run_one(test, args):
    r = Result(test)
    env = dict(os.environ)
    test_env = {k: str(v) for k, v in (test.get('env') or {}).items()}
    for spec in args.suite_env:
        suite, _, assign = spec.partition(':')
        var, _, value = assign.partition('=')
        if suite in test['short_suites'] and var:
            test_env[var] = value
    env.update(test_env)
    if not env.get('MALLOC_PERTURB_') and not args.no_malloc_perturb:
        # As `meson test` does: catch reads of uninitialised heap memory.
        test_env['MALLOC_PERTURB_'] = str(random.randint(1, 255))
        env['MALLOC_PERTURB_'] = test_env['MALLOC_PERTURB_']
    cmd = [str(c) for c in test['cmd']]
    r.command = ' '.join(shlex.quote(c) for c in cmd)
    r.env_str = ' '.join('{}="{}"'.format(k, v)
                         for k, v in sorted(test_env.items()))
    timeout = test.get('timeout')
    if timeout is None:
        timeout = 30
    timeout = timeout * args.timeout_multiplier if timeout > 0 else None
    test['_timeout'] = timeout
    timed_out = False
    r.start = time.time()
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                cwd=test.get('workdir') or args.builddir,
                                env=env,
                                start_new_session=True)
    except OSError as e:
        r.end = time.time()
        r.result = 'fail'
        r.reason = 'cannot run {}: {}'.format(cmd[0], e)
        r.err = str(e)
        return r
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        for sig, wait in ((signal.SIGTERM, 2), (signal.SIGKILL, None)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                pass
            try:
                out, err = proc.communicate(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
    r.end = time.time()
    r.returncode = proc.returncode
    r.out = out.decode('utf-8', 'replace')
    r.err = err.decode('utf-8', 'replace')
    judge(r, timed_out)
    return r


def tail(text, n):
    lines = text.rstrip('\n').splitlines()
    if len(lines) > n:
        return ['  [... {} earlier lines]'.format(len(lines) - n)] + lines[-n:]
    return lines


def write_results(path, name, results, start, end, argv):
    totals = collections.defaultdict(
        lambda: collections.OrderedDict((s, 0) for s in ALL_STATUSES))

    def count(group_name, res):
        while group_name:
            group_name = group_name.rpartition('@')[0]
            totals[group_name][res] += 1
        totals['root'][res] += 1

    tests = collections.OrderedDict()
    for r in sorted(results, key=lambda r: r.test['piglit_name']):
        key = r.test['piglit_name']
        tests[key] = r.to_json()
        # As piglit's TestrunResult.calculate_group_totals.
        if r.subtests:
            for v in r.subtests.values():
                totals[key][v] += 1
                count(key, v)
        else:
            count(key, r.result)
    for t in totals.values():
        t['__type__'] = 'Totals'
    data = collections.OrderedDict([
        ('__type__', 'TestrunResult'),
        ('results_version', RESULTS_VERSION),
        ('name', name),
        ('info', {'system': {'uname': ' '.join(os.uname())},
                  'runner': 'd3dumd-runner.py'}),
        ('options', {'profile': ['d3dumd'], 'command': argv,
                     'env': {k: os.environ[k] for k in sorted(os.environ)
                             if k.endswith('_OPTIONS') or
                             k in ('GALLIUM_DRIVER', 'LP_NUM_THREADS')}}),
        ('time_elapsed', {'__type__': 'TimeAttribute',
                          'start': start, 'end': end}),
        ('tests', tests),
        ('totals', totals),
    ])
    os.makedirs(path, exist_ok=True)
    tmp = os.path.join(path, '.results.json.tmp')
    with open(tmp, 'w') as f:
        json.dump(data, f, indent=1)
    os.replace(tmp, os.path.join(path, 'results.json'))


def main():
    ap = argparse.ArgumentParser(
        description='Run the d3dumd tests listed by meson and write piglit '
                    'results.')
    ap.add_argument('regex', nargs='*',
                    help='run only tests whose piglit or meson name matches '
                         'one of these regular expressions')
    ap.add_argument('-C', '--builddir', default='build',
                    help='meson build directory (default: build)')
    ap.add_argument('-o', '--output', default='results/d3dumd',
                    help='results directory (default: results/d3dumd)')
    ap.add_argument('-n', '--name', default=None,
                    help='name of the run (default: the output dir name)')
    ap.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 1,
                    help='tests run at once (default: number of CPUs)')
    ap.add_argument('--suite', action='append', default=[],
                    help='run only tests in this suite (repeatable)')
    ap.add_argument('--exclude-suite', action='append', default=[],
                    help='skip tests in this suite (repeatable)')
    ap.add_argument('-x', '--exclude', action='append', default=[],
                    help='skip tests matching this regex (repeatable)')
    ap.add_argument('--as-driver', metavar='GALLIUM_DRIVER', default=None,
                    help="run the llvmpipe suite's tests on this Gallium "
                         "driver instead (hardware, or zink on a GPU)")
    ap.add_argument('--suite-env', action='append', default=[],
                    metavar='SUITE:VAR=VALUE',
                    help='set VAR for the tests of SUITE (repeatable)')
    ap.add_argument('--timeout-multiplier', type=float, default=1.0,
                    help='scale every test timeout (sanitizer runs)')
    ap.add_argument('--tail', type=int, default=40,
                    help='lines of output shown per failed test')
    ap.add_argument('--meson', default='meson', help='meson executable')
    ap.add_argument('--no-malloc-perturb', action='store_true',
                    help='do not set MALLOC_PERTURB_ like `meson test` does')
    ap.add_argument('--allow-empty', action='store_true',
                    help='succeed when no test is selected')
    ap.add_argument('-l', '--list', action='store_true',
                    help='list the selected tests and exit')
    args = ap.parse_args()
    if args.jobs < 1:
        die('-j must be at least 1')
    # Tests run in the build directory unless they name a workdir, as
    # under `meson test`.
    args.builddir = os.path.abspath(args.builddir)

    tests = load_tests(args.builddir, args.meson)
    if args.as_driver:
        tests = as_driver(tests, args.as_driver)
    tests = select(tests, args)
    if args.list:
        for t in tests:
            print('{}  ({}; suites: {})'.format(
                t['piglit_name'], ' '.join(t['cmd']),
                ', '.join(t['short_suites'])))
        return 0
    if not tests:
        print('no tests selected')
        print('0 passed, 0 failed')
        return 0 if args.allow_empty else 1

    print_lock = threading.Lock()
    done = []
    width = max(len(t['piglit_name']) for t in tests)
    total = len(tests)

    def report(r):
        with print_lock:
            done.append(r)
            print('[{:>{w}}/{}] {:<8} {:<{width}} {:7.2f} s'.format(
                len(done), total, r.result, r.test['piglit_name'],
                r.end - r.start, w=len(str(total)), width=width), flush=True)

    start = time.time()
    parallel = [t for t in tests if t.get('is_parallel', True)]
    serial = [t for t in tests if not t.get('is_parallel', True)]
    # Highest priority first, as meson test does.
    parallel.sort(key=lambda t: -t.get('priority', 0))
    try:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futs = [pool.submit(run_one, t, args) for t in parallel]
            for f in concurrent.futures.as_completed(futs):
                report(f.result())
        for t in serial:
            report(run_one(t, args))
    except KeyboardInterrupt:
        print('interrupted', file=sys.stderr)
        return 130
    end = time.time()

    name = args.name or os.path.basename(os.path.normpath(args.output))
    write_results(args.output, name, done, start, end, sys.argv)

    failed = [r for r in done if r.result not in ('pass', 'skip')]
    passed = sum(1 for r in done if r.result == 'pass')
    skipped = [r for r in done if r.result == 'skip']
    failed.sort(key=lambda r: r.test['piglit_name'])

    for r in failed:
        print()
        print('=== {}: {}'.format(r.result.upper(), r.test['piglit_name']))
        print('command: {}{}'.format(r.env_str + ' ' if r.env_str else '',
                                      r.command))
        if r.test.get('workdir'):
            print('workdir: ' + r.test['workdir'])
        print('exit code: {}'.format(r.returncode))
        if r.reason:
            print('reason: ' + r.reason)
        bad = [k for k, v in r.subtests.items()
               if v not in ('pass', 'skip') and k != 'd3dumd-runner']
        if bad:
            print('subtests not passing: ' + ', '.join(
                '{} ({})'.format(k, r.subtests[k]) for k in bad))
        for label, text in (('stdout', r.out), ('stderr', r.err)):
            if text.strip():
                print('--- {} (last {} lines) ---'.format(label, args.tail))
                for line in tail(text, args.tail):
                    print('  ' + line)

    print()
    print('results: ' + os.path.join(args.output, 'results.json'))
    print('{:.1f} s wall'.format(end - start))
    if skipped:
        print('skipped: ' + ', '.join(
            sorted(r.test['piglit_name'] for r in skipped)))
    print('{} skipped'.format(len(skipped)))
    print('{} passed, {} failed'.format(passed, len(failed)), flush=True)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
