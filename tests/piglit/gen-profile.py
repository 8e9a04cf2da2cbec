#!/usr/bin/python3
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
"""Write a piglit test profile (d3dumd.xml.gz) for the d3dumd tests.

The profile is the gzip XML test list piglit's framework loads for an
absolute `*.xml*` path (framework/profile.py XMLProfile, make_test):

    <PiglitTestList count="N" name="d3dumd">
      <Test type="gl" name="d3dumd@llvmpipe@adapter-open">
        <option name="command" value="['/abs/build/tests/d3dumd-adapter-open']" />
        <option name="run_concurrent" value="True" />
        <option name="cwd" value="'/abs/build'" />
        <environment><env name="GALLIUM_DRIVER" value="llvmpipe" /></environment>
      </Test>
      ...

Option values are Python literals (piglit reads them with ast.literal_eval).
Commands are absolute, because piglit joins a relative program name to its
own bin directory.  The per-test environment uses piglit's <environment>
element, which Debian bookworm's piglit (0~git20220119) applies on top of
its own environment.  piglit appends `-auto -fbo` to every "gl" test: the
tests ignore unknown arguments and report a skip with exit 0 under -auto.

Test names are the ones d3dumd-runner.py uses, so results of both compare
with `piglit summary`.  Run it:

    piglit run /abs/path/d3dumd.xml.gz results/piglit

Standard library only: run with /usr/bin/python3.
"""

import argparse
import gzip
import importlib.util
import io
import os
import shutil
import sys
import xml.etree.ElementTree as et

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    'd3dumd_runner', os.path.join(_here, 'd3dumd-runner.py'))
runner = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(runner)


def absolute_command(cmd, cwd):
    cmd = [str(c) for c in cmd]
    prog = cmd[0]
    if not os.path.isabs(prog):
        if os.sep in prog:
            prog = os.path.normpath(os.path.join(cwd, prog))
        else:
            prog = shutil.which(prog) or prog
    return [prog] + cmd[1:]


def build_profile(tests, builddir):
    root = et.Element('PiglitTestList', count=str(len(tests)), name='d3dumd')
    for t in tests:
        cwd = os.path.abspath(t.get('workdir') or builddir)
        cmd = absolute_command(t['cmd'], cwd)
        e = et.SubElement(root, 'Test', type='gl', name=t['piglit_name'])
        et.SubElement(e, 'option', name='command', value=repr(cmd))
        et.SubElement(e, 'option', name='run_concurrent',
                      value=repr(bool(t.get('is_parallel', True))))
        et.SubElement(e, 'option', name='cwd', value=repr(cwd))
        env = t.get('env') or {}
        if env:
            envs = et.SubElement(e, 'environment')
            for k, v in env.items():
                et.SubElement(envs, 'env', name=str(k), value=str(v))
    return et.ElementTree(root)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('regex', nargs='*',
                    help='include only tests matching one of these regexes')
    ap.add_argument('-C', '--builddir', default='build',
                    help='meson build directory (default: build)')
    ap.add_argument('-o', '--output', default=None,
                    help='profile to write (default: BUILDDIR/d3dumd.xml.gz)')
    ap.add_argument('--suite', action='append', default=[],
                    help='include only tests in this suite (repeatable)')
    ap.add_argument('--exclude-suite', action='append', default=[],
                    help='leave out tests in this suite (repeatable)')
    ap.add_argument('-x', '--exclude', action='append', default=[],
                    help='leave out tests matching this regex (repeatable)')
    ap.add_argument('--meson', default='meson', help='meson executable')
    args = ap.parse_args()
    builddir = os.path.abspath(args.builddir)
    output = os.path.abspath(args.output or
                             os.path.join(builddir, 'd3dumd.xml.gz'))

    tests = runner.select(runner.load_tests(builddir, args.meson), args)
    tree = build_profile(tests, builddir)

    buf = io.BytesIO()
    tree.write(buf, encoding='utf-8', xml_declaration=True)
    tmp = output + '.tmp'
    # mtime=0: the same test list gives the same bytes.
    with open(tmp, 'wb') as raw, \
            gzip.GzipFile(filename='', fileobj=raw, mode='wb', mtime=0) as f:
        f.write(buf.getvalue())
    os.replace(tmp, output)
    print('gen-profile: {} tests -> {}'.format(len(tests), output))
    return 0


if __name__ == '__main__':
    sys.exit(main())
