#!/usr/bin/env python3
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
"""Self-test of tests/wine/check.py and funcmap.py on made-up logs: every
kind of failure the harness must catch is caught, and a clean run passes.
scripts/wine-tests.sh runs it before the Wine tests (under a second).
"""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

SOURCE = r'''/* made-up test file */
struct thing
{
    int x;
};

static void helper(int line)
{
    ok_(__FILE__, line)(0, "helper\n");
}

#define CHECK(x) do { \
    ok(x, "c\n"); \
} while (0)

static void test_alpha(void)
{
    ok(0, "a\n");
#if 0
float4 main() : COLOR
{
    return 0;
}
#endif
    ok(0, "b\n");
}

static void test_beta(void)
{
    helper(__LINE__);
}

START_TEST(device)
{
    test_alpha();
    test_beta();
}
'''
ALPHA_1, ALPHA_2, BETA = 18, 25, 30   # lines of the failing checks above

OURS = 'd3dumd-d3d9: loaded /x/d3d9.dll.so\n'


def fail(line, todo=False):
    what = 'Test succeeded inside todo block' if todo else 'Test failed'
    return 'device.c:%d: %s: made up\n' % (line, what)


def tally(failures, executed=10):
    return ('0024:device: %d tests executed (1 marked as todo, 0 as flaky, %d %s), 2 skipped.\n'
            % (executed, failures, 'failure' if failures == 1 else 'failures'))


def run_case(tmp, name, log, rc, expected, flakes='', update=False):
    res = os.path.join(tmp, name)
    os.makedirs(os.path.join(res, 'wine'))
    with open(os.path.join(res, 'wine', 'device.log'), 'w') as f:
        f.write(log)
    with open(os.path.join(res, 'wine', 'device.rc'), 'w') as f:
        f.write('%d\n' % rc)
    with open(os.path.join(res, 'wine', 'device.time'), 'w') as f:
        f.write('1.0\n')
    exp_dir = os.path.join(res, 'exp')
    os.makedirs(exp_dir)
    with open(os.path.join(exp_dir, 'expected-wine.txt'), 'w') as f:
        f.write('# header\n' + expected)
    with open(os.path.join(res, 'flakes.txt'), 'w') as f:
        f.write(flakes)
    cmd = [sys.executable, os.path.join(HERE, 'check.py'), '--src', tmp, '--results', res,
           '--platforms', 'wine', '--expected-dir', exp_dir,
           '--flakes', os.path.join(res, 'flakes.txt'), '--timeout', '5']
    if update:
        cmd.append('--update-expected')
    p = subprocess.run(cmd + ['--', 'device'], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True)
    with open(os.path.join(exp_dir, 'expected-wine.txt')) as f:
        return p.returncode, p.stdout, f.read()


def main():
    good = OURS + fail(ALPHA_1) + fail(ALPHA_2, todo=True) + fail(BETA) + tally(3)
    exp = 'device test_alpha 2\ndevice test_beta 1\n'
    cases = [
        # name, log, rc, expected, flakes, want rc, text the output must hold
        ('clean', good, 3, exp, '', 0, '1 passed, 0 failed'),
        ('new-failure', good, 3, 'device test_alpha 2\n', '', 1, 'new failure: test_beta'),
        ('more', good, 3, 'device test_alpha 1\ndevice test_beta 1\n', '', 1,
         'test_alpha fails 2 times, expected 1'),
        ('fewer', good, 3, 'device test_alpha 3\ndevice test_beta 1\n', '', 1,
         'fewer than the expected 3'),
        ('fixed', good, 3, exp + 'device test_gamma 4\n', '', 1, 'fixed: test_gamma now passes'),
        ('flaky', good, 3, 'device test_alpha 2\n', 'device test_beta  # timing\n', 0,
         'flaky test_beta: 1 failures'),
        ('flaky-zero', OURS + tally(0), 0, '', 'device test_beta  # timing\n', 0,
         '1 passed, 0 failed'),
        ('no-tally', OURS + fail(ALPHA_1), 1, '', '', 1, 'no tally line'),
        ('hang', OURS + fail(ALPHA_1), 124, '', '', 1, 'hang: killed by timeout'),
        ('crash-line', OURS + 'device.c:14: this is the last test seen before the exception\n'
         '0024:device: unhandled exception c0000005 at 0000000000401234\n' + tally(0), 0, '', '',
         1, 'crash: 0024:device: unhandled exception'),
        ('crash-rc', OURS + tally(0), 139, '', '', 1, 'crash: exit status 139'),
        ('not-ours', fail(ALPHA_1) + fail(ALPHA_2) + fail(BETA) + tally(3), 3, exp, '', 1,
         'not our d3d9'),
    ]
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, 'device.c'), 'w') as f:
            f.write(SOURCE)
        for name, log, rc, expected, flakes, want_rc, want_text in cases:
            got_rc, out, _ = run_case(tmp, name, log, rc, expected, flakes)
            if got_rc != want_rc or want_text not in out:
                bad += 1
                print('selftest: FAIL %s: exit %d (want %d), output:\n%s'
                      % (name, got_rc, want_rc, out))
        # --update-expected: the run's counts replace the file's, header kept.
        got_rc, out, text = run_case(tmp, 'update', good, 3, 'device test_gamma 4\n',
                                     update=True)
        if got_rc != 0 or text != '# header\n' + exp:
            bad += 1
            print('selftest: FAIL update: exit %d, file:\n%s\noutput:\n%s' % (got_rc, text, out))
    total = len(cases) + 1
    print('wine-tests selftest: %d of %d cases right' % (total - bad, total))
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
