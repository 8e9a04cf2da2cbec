/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * piglit-style reporting for the tests: subtest lines and one result line
 *    PIGLIT: {"subtest": {"name": "pass"}}
 *    PIGLIT: {"result": "pass"}
 * and the exit code: 0 pass, 77 skip (meson's convention), 1 fail.  When
 * piglit itself runs the test it appends "-auto -fbo" and reads any
 * non-zero exit of a non-pass as a failure: with -auto a skip exits 0 (the
 * PIGLIT line still says skip).
 */

#ifndef D3DUMD_PIGLIT_H
#define D3DUMD_PIGLIT_H

#include <stdbool.h>
#include <stdio.h>

enum piglit_result { PIGLIT_PASS, PIGLIT_FAIL, PIGLIT_SKIP };

void piglit_init(int argc, char **argv);
/* Reports a subtest and folds it into the overall result. */
void piglit_subtest(const char *name, enum piglit_result result);
/* Prints the result line and exits with its code. */
void piglit_report(enum piglit_result result) __attribute__((noreturn));
/* Skip the whole test, with its reason on stdout. */
void piglit_skip(const char *fmt, ...)
   __attribute__((noreturn, format(printf, 1, 2)));
/* The fold of every subtest so far: fail wins, then pass, then skip. */
enum piglit_result piglit_merged(void);

/* Assertion helper for tests: prints the failed condition with its place
 * and marks the current subtest failed, without stopping the test. */
extern bool piglit_check_failed;
#define CHECK(cond)                                                      \
   do {                                                                  \
      if (!(cond)) {                                                     \
         printf("  FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond);      \
         piglit_check_failed = true;                                     \
      }                                                                  \
   } while (0)
#define CHECK_HR(expr, expected)                                          \
   do {                                                                  \
      HRESULT hr__ = (expr);                                             \
      if (hr__ != (HRESULT)(expected)) {                                 \
         printf("  FAILED %s:%d: %s returned 0x%08x, expected %s (0x%08x)\n", \
                __FILE__, __LINE__, #expr, (unsigned)hr__, #expected,    \
                (unsigned)(expected));                                    \
         piglit_check_failed = true;                                     \
      }                                                                  \
   } while (0)

/* Runs a subtest function: it uses CHECK/CHECK_HR, returns nothing. */
#define SUBTEST(name, call)                                              \
   do {                                                                  \
      piglit_check_failed = false;                                       \
      call;                                                              \
      piglit_subtest((name), piglit_check_failed ? PIGLIT_FAIL           \
                                                 : PIGLIT_PASS);         \
   } while (0)

#endif
