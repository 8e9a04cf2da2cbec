/*
 * Copyright © 2026 mesa-d3dumd contributors
 * SPDX-License-Identifier: MIT
 */

/*
 * d3dumd-shader-fuzz: the shader reader on hostile input.
 *
 * LLVMFuzzerTestOneInput() reads the input as both shader types, dumps
 * accepted programs and always dumps the raw tokens, and checks the
 * header's promises (an accepted program is within the model's limits, a
 * rejected one comes back empty with a reason).  Each input is copied
 * into a malloc'ed buffer of exactly its size, so AddressSanitizer sees
 * any read past the end.
 *
 * Built normally, main() is a deterministic stand-alone fuzzer:
 *
 *    d3dumd-shader-fuzz CORPUS_DIR [ITERATIONS [SEED]]
 *
 * runs every file of CORPUS_DIR (each *.bin must be accepted as the type
 * its name starts with, vs_ or ps_), then ITERATIONS (default 200000)
 * mutations of them from a xorshift generator: bit flips, dwords replaced
 * with values the token format treats specially, length and size fields
 * rewritten, truncation, insertion, deletion and splicing of two inputs.
 *
 * With clang, the same file builds as a libFuzzer target by hand:
 *
 *    D=src/gallium/frontends/d3dumd
 *    clang -g -O1 -fsanitize=fuzzer,address,undefined -DD3DUMD_LIBFUZZER \
 *       -I$D -Isubprojects/mesa/include/D3D9 \
 *       $D/d3dumd_sm_reader.c $D/d3dumd_sm_dump.c \
 *       tests/shader/fuzz_reader.c -o /tmp/fuzz_reader
 *    /tmp/fuzz_reader -max_len=4096 /tmp/corpus tests/shader/corpus
 *
 * (the first corpus directory, writable, receives what libFuzzer finds).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "d3dumd_sm.h"

static FILE *fuzz_null;

/* The header's promises; a broken one aborts, which any fuzzer reports. */
static void
check_program(const struct d3dumd_sm_program *p, size_t size)
{
   bool ok = p->num_instrs == 0 || p->instrs;
   ok = ok && p->major >= 1 && p->major <= 3;
   ok = ok && p->num_float_consts <= D3DUMD_SM_MAX_FLOAT_CONST;
   ok = ok && p->num_labels <= D3DUMD_SM_MAX_LABELS;
   ok = ok && p->max_nesting <= D3DUMD_SM_MAX_NESTING;
   for (unsigned i = 0; ok && i < p->num_instrs; i++) {
      const struct d3dumd_sm_instr *in = &p->instrs[i];
      ok = in->num_srcs <= D3DUMD_SM_MAX_SRCS && in->offset < size / 4;
      if (in->has_dst)
         ok = ok && in->dst.write_mask && in->dst.write_mask <= 0xf &&
              in->dst.shift >= -3 && in->dst.shift <= 3;
      for (unsigned s = 0; ok && s < in->num_srcs; s++) {
         const struct d3dumd_sm_src *src = &in->src[s];
         ok = src->mod <= D3DUMD_SM_SRCMOD_NOT && src->reg.index < 2048;
         for (unsigned c = 0; c < 4; c++)
            ok = ok && src->swizzle[c] < 4;
         if (src->reg.file == 2 /* D3DSPR_CONST */ && !src->reg.relative)
            ok = ok && src->reg.index < p->num_float_consts;
      }
   }
   if (!ok) {
      fprintf(stderr, "fuzz: accepted program breaks an invariant\n");
      d3dumd_sm_dump(stderr, p);
      abort();
   }
}

static void
check_empty(const struct d3dumd_sm_program *p, const char *err)
{
   if (p->instrs || p->num_instrs || p->major || !err[0] ||
       strncmp(err, "token ", 6)) {
      fprintf(stderr, "fuzz: rejected program not left empty or no "
              "reason: '%s'\n", err);
      abort();
   }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
   if (!fuzz_null) {
      fuzz_null = fopen("/dev/null", "w");
      if (!fuzz_null)
         abort();
   }

   uint32_t *code = malloc(size ? size : 1);
   if (!code)
      return 0;
   memcpy(code, data, size);

   for (int t = 0; t < 2; t++) {
      enum d3dumd_sm_type type = t ? D3DUMD_SM_PIXEL : D3DUMD_SM_VERTEX;
      struct d3dumd_sm_program prog;
      char err[160];
      if (d3dumd_sm_read(code, size, type, &prog, err, sizeof(err))) {
         check_program(&prog, size);
         d3dumd_sm_dump(fuzz_null, &prog);
         d3dumd_sm_program_fini(&prog);
      } else {
         check_empty(&prog, err);
      }
   }
   d3dumd_sm_dump_tokens(fuzz_null, code, size);
   free(code);
   return 0;
}

#ifndef D3DUMD_LIBFUZZER

#include <dirent.h>

#include "piglit.h"

#define MAX_INPUT_DWORDS 4096

struct input {
   char *name;
   uint8_t *data;
   size_t size;
};

static uint64_t rng_state;

/* xorshift64* */
static uint64_t
rng(void)
{
   rng_state ^= rng_state >> 12;
   rng_state ^= rng_state << 25;
   rng_state ^= rng_state >> 27;
   return rng_state * 0x2545F4914F6CDD1DULL;
}

static uint32_t
rng_below(uint32_t n)
{
   return n ? (uint32_t)(rng() % n) : 0;
}

static int
cmp_name(const void *a, const void *b)
{
   return strcmp(((const struct input *)a)->name,
                 ((const struct input *)b)->name);
}

static bool
read_file(const char *path, struct input *in)
{
   FILE *f = fopen(path, "rb");
   if (!f)
      return false;
   uint8_t *buf = malloc(MAX_INPUT_DWORDS * 4);
   size_t n = buf ? fread(buf, 1, MAX_INPUT_DWORDS * 4, f) : 0;
   fclose(f);
   if (!buf)
      return false;
   in->data = buf;
   in->size = n;
   return true;
}

/* The *.bin files of dir, sorted by name so runs are repeatable. */
static unsigned
load_corpus(const char *dir, struct input **out)
{
   DIR *d = opendir(dir);
   if (!d)
      return 0;
   struct input *list = NULL;
   unsigned n = 0, cap = 0;
   struct dirent *e;
   while ((e = readdir(d))) {
      size_t len = strlen(e->d_name);
      if (len < 5 || strcmp(e->d_name + len - 4, ".bin"))
         continue;
      if (n == cap) {
         cap = cap ? cap * 2 : 64;
         struct input *l = realloc(list, cap * sizeof(*l));
         if (!l)
            break;
         list = l;
      }
      char path[4096];
      snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
      list[n].name = strdup(e->d_name);
      if (list[n].name && read_file(path, &list[n]))
         n++;
      else
         free(list[n].name);
   }
   closedir(d);
   qsort(list, n, sizeof(*list), cmp_name);
   *out = list;
   return n;
}

/* Values the token format gives a meaning to. */
static uint32_t
interesting(void)
{
   static const uint32_t v[] = {
      0x0000ffff, 0x0000fffe, 0x0000fffd, 0x80000000, 0x7fffffff,
      0xffffffff, 0x00000000, 0xfffe0300, 0xffff0300, 0xfffe0101,
      0xffff0104, 0xffff0201, 0x7ffffffe, 0x0001fffe, 0x0f000000,
      0x10000000, 0x40000000, 0x80002000, 0x800f0000, 0x90e40000,
      0xb0e40000, 0xa0e40000, 0xa0001000, 0xb0001000, 0x80e42000,
   };
   switch (rng_below(4)) {
   case 0:
      return v[rng_below(sizeof(v) / sizeof(v[0]))];
   case 1: /* an instruction: opcode, control, length, flags */
      return rng_below(100) | (rng_below(8) << 16) | (rng_below(16) << 24) |
             (rng_below(4) ? 0 : 0x10000000u);
   case 2: /* a parameter: file, index, mask/swizzle, modifier, relative */
      return 0x80000000u | ((rng_below(8)) << 28) | (rng_below(4) << 11) |
             rng_below(300) | (rng_below(256) << 16) | (rng_below(16) << 24) |
             (rng_below(8) ? 0 : 0x2000u);
   default: /* a comment */
      return 0xfffe | (rng_below(8) << 16);
   }
}

static size_t
mutate(uint32_t *buf, size_t size, const struct input *corpus, unsigned n)
{
   size_t dwords = size / 4;
   unsigned count = 1 + rng_below(4);

   for (unsigned m = 0; m < count; m++) {
      switch (rng_below(9)) {
      case 0: /* flip a bit */
         if (size)
            ((uint8_t *)buf)[rng_below(size)] ^= 1u << rng_below(8);
         break;
      case 1: /* replace a dword */
      case 2:
         if (dwords)
            buf[rng_below(dwords)] = interesting();
         break;
      case 3: /* rewrite a length or comment size */
         if (dwords) {
            uint32_t *t = &buf[rng_below(dwords)];
            if ((*t & 0xffff) == 0xfffe)
               *t = (*t & 0x8000ffffu) | (rng_below(0x8000) << 16);
            else
               *t = (*t & ~0x0f000000u) | (rng_below(16) << 24);
         }
         break;
      case 4: /* truncate, maybe to a partial dword */
         if (size)
            size = rng_below(size);
         break;
      case 5: /* insert a dword */
         if (dwords < MAX_INPUT_DWORDS) {
            size_t at = rng_below(dwords + 1);
            memmove(&buf[at + 1], &buf[at], (dwords - at) * 4);
            buf[at] = interesting();
            dwords++;
            size = dwords * 4;
         }
         break;
      case 6: /* delete a dword */
         if (dwords) {
            size_t at = rng_below(dwords);
            memmove(&buf[at], &buf[at + 1], (dwords - at - 1) * 4);
            dwords--;
            size = dwords * 4;
         }
         break;
      case 7: /* splice: our head, another input's tail */
         if (n) {
            const struct input *o = &corpus[rng_below(n)];
            size_t head = rng_below(dwords + 1);
            size_t odw = o->size / 4;
            size_t from = rng_below(odw + 1);
            size_t tail = odw - from;
            if (head + tail > MAX_INPUT_DWORDS)
               tail = MAX_INPUT_DWORDS - head;
            memcpy(&buf[head], o->data + from * 4, tail * 4);
            dwords = head + tail;
            size = dwords * 4;
         }
         break;
      default: /* another version */
         if (dwords)
            buf[0] = interesting() & 1 ? 0xfffe0000u | (rng_below(4) << 8) |
                                            rng_below(5)
                                       : 0xffff0000u | (rng_below(4) << 8) |
                                            rng_below(5);
         break;
      }
      dwords = size / 4;
   }
   return size;
}

int
main(int argc, char **argv)
{
   piglit_init(argc, argv);

   const char *dir = argc > 1 ? argv[1] : NULL;
   unsigned long iterations = argc > 2 ? strtoul(argv[2], NULL, 0) : 200000;
   rng_state = argc > 3 ? strtoull(argv[3], NULL, 0) : 0x9e3779b97f4a7c15ULL;
   if (!rng_state)
      rng_state = 1;

   struct input *corpus = NULL;
   unsigned n = dir ? load_corpus(dir, &corpus) : 0;
   if (!n) {
      /* Keep going from one tiny program: still a useful run. */
      static const uint32_t seed[] = { 0xfffe0300, 0x02000001, 0x800f0000,
                                       0x90e40000, 0x0000ffff };
      corpus = calloc(1, sizeof(*corpus));
      corpus->name = strdup("builtin_vs.bin");
      corpus->data = malloc(sizeof(seed));
      memcpy(corpus->data, seed, sizeof(seed));
      corpus->size = sizeof(seed);
      n = 1;
      printf("no corpus in %s: using a built-in seed\n",
             dir ? dir : "(none)");
   }

   /* The corpus: each file is valid for the type its name gives. */
   unsigned corpus_bad = 0;
   for (unsigned i = 0; i < n; i++) {
      LLVMFuzzerTestOneInput(corpus[i].data, corpus[i].size);
      const char *name = corpus[i].name;
      if (strncmp(name, "vs_", 3) && strncmp(name, "ps_", 3))
         continue;
      enum d3dumd_sm_type type = name[0] == 'v' ? D3DUMD_SM_VERTEX
                                                : D3DUMD_SM_PIXEL;
      uint32_t *code = malloc(corpus[i].size ? corpus[i].size : 1);
      memcpy(code, corpus[i].data, corpus[i].size);
      struct d3dumd_sm_program prog;
      char err[160];
      if (d3dumd_sm_read(code, corpus[i].size, type, &prog, err,
                         sizeof(err))) {
         d3dumd_sm_program_fini(&prog);
      } else {
         printf("corpus %s rejected: %s\n", name, err);
         corpus_bad++;
      }
      free(code);
   }
   piglit_subtest("corpus", corpus_bad ? PIGLIT_FAIL : PIGLIT_PASS);

   uint32_t *buf = malloc(MAX_INPUT_DWORDS * 4 + 4);
   unsigned long accepted = 0;
   for (unsigned long it = 0; it < iterations; it++) {
      const struct input *in = &corpus[rng_below(n)];
      size_t size = in->size > MAX_INPUT_DWORDS * 4 ? MAX_INPUT_DWORDS * 4
                                                    : in->size;
      memcpy(buf, in->data, size);
      size = mutate(buf, size, corpus, n);

      LLVMFuzzerTestOneInput((const uint8_t *)buf, size);

      /* How often a mutant is still valid: a run that never gets past
       * the version token tests little. */
      uint32_t *code = malloc(size ? size : 1);
      memcpy(code, buf, size);
      struct d3dumd_sm_program prog;
      for (int t = 0; t < 2; t++) {
         if (d3dumd_sm_read(code, size, t ? D3DUMD_SM_PIXEL
                                          : D3DUMD_SM_VERTEX,
                            &prog, NULL, 0)) {
            accepted++;
            d3dumd_sm_program_fini(&prog);
         }
      }
      free(code);
   }
   printf("%lu iterations over %u inputs, %lu mutants accepted\n",
          iterations, n, accepted);
   piglit_subtest("mutations", PIGLIT_PASS);

   free(buf);
   for (unsigned i = 0; i < n; i++) {
      free(corpus[i].name);
      free(corpus[i].data);
   }
   free(corpus);
   if (fuzz_null)
      fclose(fuzz_null);
   piglit_report(piglit_merged());
}

#endif
