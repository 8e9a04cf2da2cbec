/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "piglit.h"

bool piglit_check_failed;
static bool piglit_automatic;
static bool any_pass, any_fail;

static const char *
result_str(enum piglit_result r)
{
   return r == PIGLIT_PASS ? "pass" : r == PIGLIT_FAIL ? "fail" : "skip";
}

void
piglit_init(int argc, char **argv)
{
   /* Unknown arguments (piglit's -fbo, ...) are ignored. */
   for (int i = 1; i < argc; i++) {
      if (!strcmp(argv[i], "-auto"))
         piglit_automatic = true;
   }
   setvbuf(stdout, NULL, _IONBF, 0);
}

void
piglit_subtest(const char *name, enum piglit_result result)
{
   printf("PIGLIT: {\"subtest\": {\"%s\": \"%s\"}}\n", name,
          result_str(result));
   if (result == PIGLIT_FAIL)
      any_fail = true;
   else if (result == PIGLIT_PASS)
      any_pass = true;
}

enum piglit_result
piglit_merged(void)
{
   return any_fail ? PIGLIT_FAIL : any_pass ? PIGLIT_PASS : PIGLIT_SKIP;
}

void
piglit_report(enum piglit_result result)
{
   printf("PIGLIT: {\"result\": \"%s\"}\n", result_str(result));
   fflush(stdout);
   if (result == PIGLIT_PASS)
      exit(0);
   if (result == PIGLIT_SKIP)
      exit(piglit_automatic ? 0 : 77);
   exit(1);
}

void
piglit_skip(const char *fmt, ...)
{
   va_list ap;
   printf("skip: ");
   va_start(ap, fmt);
   vprintf(fmt, ap);
   va_end(ap);
   printf("\n");
   piglit_report(PIGLIT_SKIP);
}
