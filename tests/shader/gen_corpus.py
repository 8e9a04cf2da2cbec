#!/usr/bin/env python3
# Copyright © 2026 mesa-d3dumd contributors
# SPDX-License-Identifier: MIT
"""Writes the seed corpus of d3dumd-shader-fuzz: valid D3D9 shaders for
every shader model, each a little-endian .bin of tokens, named vs_* or ps_*
after its type (the fuzzer checks that each one is accepted as that type).

The programs are written from the token format (shader-code-format.md and
the *-token.md pages), not from the reader, so they also pin down what the
reader must accept.

    python3 tests/shader/gen_corpus.py [OUTDIR]   (default: next to this file)
"""

import os
import struct
import sys

# Opcodes (D3DSIO_*).
NOP, MOV, ADD, SUB, MAD, MUL, RCP, RSQ, DP3, DP4, MIN, MAX, SLT, SGE, EXP, \
    LOG, LIT, DST, LRP, FRC, M4x4, M4x3, M3x4, M3x3, M3x2, CALL, CALLNZ, \
    LOOP, RET, ENDLOOP, LABEL, DCL, POW, CRS, SGN, ABS, NRM, SINCOS, REP, \
    ENDREP, IF, IFC, ELSE, ENDIF, BREAK, BREAKC, MOVA, DEFB, DEFI = range(49)
TEXCOORD, TEXKILL, TEX, TEXBEM, TEXBEML, TEXREG2AR, TEXREG2GB, TEXM3x2PAD, \
    TEXM3x2TEX, TEXM3x3PAD, TEXM3x3TEX, _RES0, TEXM3x3SPEC, TEXM3x3VSPEC, \
    EXPP, LOGP, CND, DEF, TEXREG2RGB, TEXDP3TEX, TEXM3x2DEPTH, TEXDP3, \
    TEXM3x3, TEXDEPTH, CMP, BEM, DP2ADD, DSX, DSY, TEXLDD, SETP, TEXLDL, \
    BREAKP = range(64, 97)
PHASE = 0xFFFD
END = 0x0000FFFF

# Register files (D3DSPR_*).
R, V, C, A, T, RAST, ATTR, O, I, OC, ODEPTH, S = 0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 10
B, AL, MISC, LBL, P = 14, 15, 17, 18, 19

# Comparisons (D3DSPC_*), source modifiers (D3DSPSM_* >> 24).
GT, EQ, GE, LT, NE, LE = range(1, 7)
NEG, BIAS, BIASNEG, BX2, BX2NEG, COMP, X2, X2NEG, DZ, DW, ABSM, ABSNEG, NOT = \
    range(1, 14)
SAT, PP, CENTROID = 1, 2, 4
# Usages (D3DDECLUSAGE_*), texture types (D3DSTT_* >> 27).
POSITION, BLENDWEIGHT, BLENDINDICES, NORMAL, PSIZE, TEXCOORDU, TANGENT, \
    BINORMAL, TESSFACTOR, POSITIONT, COLOR, FOG, DEPTH, SAMPLE = range(14)
TEX2D, TEXCUBE, TEXVOLUME = 2, 3, 4

XYZW = 0xE4


def swz(s):
    """'xyzw' -> the 8-bit swizzle; one letter replicates."""
    if len(s) == 1:
        s = s * 4
    return sum('xyzw'.index(ch) << (2 * i) for i, ch in enumerate(s))


def mask(s):
    return sum(1 << 'xyzw'.index(ch) for ch in s)


def regtype(f):
    return ((f & 7) << 28) | ((f & 0x18) << 8)


def dst(f, i, m='xyzw', mods=0, shift=0, rel=False):
    return (0x80000000 | regtype(f) | i | (mask(m) << 16) | (mods << 20) |
            ((shift & 0xF) << 24) | (0x2000 if rel else 0))


def src(f, i, s='xyzw', mod=0, rel=False):
    return (0x80000000 | regtype(f) | i | (swz(s) << 16) | (mod << 24) |
            (0x2000 if rel else 0))


def addr_a0(c='x'):
    return src(A, 0, c)


ADDR_AL = src(AL, 0)


def f32(x):
    return struct.unpack('<I', struct.pack('<f', x))[0]


class Prog:
    def __init__(self, kind, major, minor):
        self.vs = kind == 'vs'
        self.sm2 = major >= 2
        self.t = [(0xFFFE0000 if self.vs else 0xFFFF0000) | (major << 8) | minor]

    def op(self, opcode, *operands, ctl=0, pred=False, coissue=False):
        """An instruction: operands are the tokens after it, in order (the
        destination, the predicate, sources, address tokens)."""
        tok = opcode | (ctl << 16)
        if self.sm2:
            tok |= len(operands) << 24
        if pred:
            tok |= 0x10000000
        if coissue:
            tok |= 0x40000000
        self.t.append(tok)
        self.t.extend(operands)
        return self

    def dcl(self, usage_tok, d):
        return self.op(DCL, usage_tok, d)

    def dcl_usage(self, f, i, usage, index=0, m='xyzw', mods=0):
        return self.dcl(0x80000000 | usage | (index << 16), dst(f, i, m, mods))

    def dcl_sampler(self, i, ttype):
        return self.dcl(0x80000000 | (ttype << 27), dst(S, i))

    def dcl_plain(self, f, i, m='xyzw', mods=0):
        return self.dcl(0x80000000, dst(f, i, m, mods))

    def def_(self, i, *vals):
        return self.op(DEF, dst(C, i), *[f32(v) for v in vals])

    def defi(self, i, *vals):
        return self.op(DEFI, dst(I, i), *[v & 0xFFFFFFFF for v in vals])

    def defb(self, i, v):
        return self.op(DEFB, dst(B, i), 1 if v else 0)

    def comment(self, words):
        self.t.append(0xFFFE | (len(words) << 16))
        self.t.extend(words)
        return self

    def data(self):
        return struct.pack('<%dI' % (len(self.t) + 1), *self.t, END)


def vs_1_1():
    out = {}
    p = Prog('vs', 1, 1)
    p.dcl_usage(V, 0, POSITION).dcl_usage(V, 1, NORMAL)
    p.op(M4x4, dst(RAST, 0), src(V, 0), src(C, 0))
    p.op(M3x3, dst(R, 0, 'xyz'), src(V, 1), src(C, 4))
    p.op(DP3, dst(R, 1, 'x'), src(R, 0), src(C, 8))
    p.op(MAX, dst(R, 1, 'x'), src(R, 1, 'x'), src(C, 9, 'x'))
    p.op(MAD, dst(ATTR, 0), src(R, 1, 'x'), src(C, 10), src(C, 11))
    p.op(MOV, dst(O, 0, 'xy'), src(V, 0))
    out['vs_1_1_transform'] = p

    p = Prog('vs', 1, 1)
    p.dcl_usage(V, 0, POSITION).dcl_usage(V, 3, TEXCOORDU, 1, 'xy')
    p.def_(95, 1.0, 0.5, 0.25, 0.0)
    p.op(DP4, dst(RAST, 0, 'x'), src(V, 0), src(C, 0))
    p.op(DP4, dst(RAST, 0, 'y'), src(V, 0), src(C, 1))
    p.op(DP4, dst(RAST, 0, 'z'), src(V, 0), src(C, 2))
    p.op(DP4, dst(RAST, 0, 'w'), src(V, 0), src(C, 3))
    p.op(LIT, dst(R, 2), src(V, 3))
    p.op(DST, dst(R, 3), src(R, 2), src(C, 95))
    p.op(SLT, dst(R, 4), src(R, 2), src(C, 95, 'y'))
    p.op(SGE, dst(R, 5), src(R, 2), src(C, 95, 'z'))
    p.op(MUL, dst(ATTR, 1), src(R, 4), src(R, 5, 'x', NEG))
    p.op(MOV, dst(RAST, 1, 'x'), src(R, 3, 'w'))
    p.op(MOV, dst(RAST, 2, 'x'), src(C, 95, 'x'))
    out['vs_1_1_lighting'] = p

    p = Prog('vs', 1, 1)
    p.dcl_usage(V, 0, POSITION).dcl_usage(V, 2, BLENDINDICES)
    p.comment([0x42415443, 0x80000000, 0x0000FFFF])
    p.op(MUL, dst(R, 0, 'x'), src(V, 2, 'x'), src(C, 94, 'w'))
    p.op(MOV, dst(A, 0, 'x'), src(R, 0, 'x'))
    p.op(M4x3, dst(R, 1, 'xyz'), src(V, 0), src(C, 10, rel=True))
    p.op(MOV, dst(R, 1, 'w'), src(C, 94, 'x'))
    p.op(M4x4, dst(RAST, 0), src(R, 1), src(C, 0))
    p.op(EXP, dst(R, 2), src(V, 0, 'x'))
    p.op(LOG, dst(R, 3), src(V, 0, 'y'))
    p.op(EXPP, dst(R, 4), src(V, 0, 'z'))
    p.op(LOGP, dst(R, 5), src(V, 0, 'w'))
    p.op(RCP, dst(R, 6, 'x'), src(R, 2, 'x'))
    p.op(RSQ, dst(R, 6, 'y'), src(R, 3, 'y'))
    p.op(FRC, dst(R, 7), src(R, 4))
    p.op(MIN, dst(R, 8), src(R, 5), src(R, 6))
    p.op(ADD, dst(R, 9), src(R, 7), src(R, 8, mod=NEG))
    p.op(SUB, dst(R, 10), src(R, 9), src(C, 93))
    p.op(M3x4, dst(R, 11), src(R, 10), src(C, 20))
    p.op(M3x2, dst(O, 1, 'xy'), src(R, 11), src(C, 24))
    p.op(NOP)
    out['vs_1_1_skinning'] = p
    return out


def vs_2(minor):
    out = {}
    name = 'vs_2_0' if minor == 0 else 'vs_2_x'
    p = Prog('vs', 2, minor)
    p.dcl_usage(V, 0, POSITION).dcl_usage(V, 1, BLENDWEIGHT, 0, 'xy')
    p.defi(0, 4, 0, 1, 0).defb(0, True)
    p.def_(0, 1.0, 2.0, 3.0, 4.0)
    p.op(MOV, dst(R, 0), src(C, 0))
    p.op(LOOP, ADDR_AL, src(I, 0))
    p.op(ADD, dst(R, 0), src(R, 0), src(C, 10, rel=True), ADDR_AL)
    p.op(ENDLOOP)
    p.op(REP, src(I, 1))
    p.op(IF, src(B, 0))
    p.op(MUL, dst(R, 1), src(R, 0), src(V, 1, 'xyxy'))
    p.op(ELSE)
    p.op(MOV, dst(R, 1), src(V, 1))
    p.op(ENDIF)
    p.op(ENDREP)
    p.op(CALL, src(LBL, 1))
    p.op(CALLNZ, src(LBL, 2), src(B, 1))
    p.op(MOV, dst(RAST, 0), src(R, 0))
    p.op(RET)
    p.op(LABEL, src(LBL, 1))
    p.op(MOVA, dst(A, 0, 'x'), src(V, 1, 'x'))
    p.op(MOV, dst(ATTR, 0), src(C, 20, rel=True), addr_a0('x'))
    p.op(RET)
    p.op(LABEL, src(LBL, 2))
    p.op(NRM, dst(R, 2, 'xyz'), src(V, 0))
    p.op(MOV, dst(O, 0), src(R, 2))
    p.op(RET)
    out[name + '_flow'] = p

    p = Prog('vs', 2, minor)
    p.dcl_usage(V, 0, POSITION).dcl_usage(V, 4, TANGENT).dcl_usage(V, 5, BINORMAL)
    p.def_(1, -1.5500992e-006, -2.1701389e-005, 0.0026041667, 0.00026041668)
    p.def_(2, -0.020833334, -0.12500000, 1.0, 0.50000000)
    p.op(SINCOS, dst(R, 0, 'xy'), src(V, 0, 'x'), src(C, 1), src(C, 2))
    p.op(POW, dst(R, 1, 'x'), src(V, 4, 'x', ABSM), src(V, 4, 'y'))
    p.op(CRS, dst(R, 2, 'xyz'), src(V, 4), src(V, 5))
    p.op(SGN, dst(R, 3), src(V, 5), src(R, 4), src(R, 5))
    p.op(ABS, dst(R, 6), src(R, 3))
    p.op(LRP, dst(R, 7), src(R, 6), src(R, 2), src(R, 1))
    p.op(MOVA, dst(A, 0, 'xy'), src(R, 7))
    p.op(MOV, dst(O, 3), src(C, 100, 'wzyx', NEG, rel=True), addr_a0('y'))
    p.op(MOV, dst(RAST, 0), src(V, 0))
    out[name + '_math'] = p

    if minor == 1:
        p = Prog('vs', 2, 1)
        p.dcl_usage(V, 0, POSITION)
        p.op(SETP, dst(P, 0), src(V, 0), src(C, 0), ctl=GT)
        p.op(MOV, dst(R, 0), src(P, 0, 'x'), src(C, 1), pred=True)
        p.op(REP, src(I, 0))
        p.op(BREAKC, src(R, 0, 'x'), src(C, 2, 'x'), ctl=LE)
        p.op(BREAKP, src(P, 0, 'y', NOT))
        p.op(IFC, src(R, 0, 'y'), src(C, 2, 'y'), ctl=NE)
        p.op(BREAK)
        p.op(ENDIF)
        p.op(ADD, dst(R, 0), src(R, 0), src(C, 3))
        p.op(ENDREP)
        p.op(IF, src(P, 0, 'z', NOT))
        p.op(MOV, dst(R, 20), src(R, 0))
        p.op(ENDIF)
        p.op(CALLNZ, src(LBL, 0), src(P, 0, 'w'))
        p.op(MOV, dst(RAST, 0), src(R, 20))
        p.op(RET)
        p.op(LABEL, src(LBL, 0))
        p.op(MOV, dst(R, 20), src(C, 4))
        p.op(RET)
        out['vs_2_x_predication'] = p
    return out


def vs_3_0():
    out = {}
    p = Prog('vs', 3, 0)
    p.dcl_usage(V, 0, POSITION).dcl_usage(V, 1, TEXCOORDU, 0)
    p.dcl_usage(V, 2, TEXCOORDU, 1)
    p.dcl_usage(O, 0, POSITION)
    p.dcl_usage(O, 1, TEXCOORDU, 0, 'xy').dcl_usage(O, 1, TEXCOORDU, 1, 'zw')
    p.dcl_usage(O, 2, COLOR, 0).dcl_usage(O, 3, COLOR, 1)
    p.dcl_usage(O, 4, FOG, 0, 'x').dcl_usage(O, 5, PSIZE, 0, 'x')
    p.dcl_sampler(0, TEX2D).dcl_sampler(3, TEXCUBE)
    p.op(M4x4, dst(O, 0), src(V, 0), src(C, 0))
    p.op(TEXLDL, dst(R, 0), src(V, 1), src(S, 0))
    p.op(TEXLDL, dst(R, 1), src(V, 2), src(S, 3))
    p.op(MOV, dst(O, 1, 'xy'), src(V, 1))
    p.op(MOV, dst(O, 1, 'zw'), src(V, 2, 'xyxy'))
    p.op(ADD, dst(O, 2, mods=SAT), src(R, 0), src(R, 1, mod=ABSNEG))
    p.op(SINCOS, dst(R, 2, 'xy'), src(V, 0, 'w'))
    p.op(SGN, dst(R, 3), src(R, 2))
    p.op(MOV, dst(O, 3), src(R, 3))
    p.op(MOV, dst(O, 4, 'x'), src(R, 2, 'x'))
    p.op(MOV, dst(O, 5, 'x'), src(C, 255, 'x'))
    out['vs_3_0_outputs'] = p

    p = Prog('vs', 3, 0)
    p.dcl_usage(V, 0, POSITION)
    for i in range(1, 9):
        p.dcl_usage(V, i, TEXCOORDU, i - 1)
    p.dcl_usage(O, 0, POSITION)
    for i in range(1, 12):
        p.dcl_usage(O, i, TEXCOORDU, i - 1)
    p.defi(0, 8, 1, 1, 0)
    p.op(MOV, dst(O, 0), src(V, 0))
    p.op(LOOP, ADDR_AL, src(I, 0))
    p.op(MOV, dst(O, 1, rel=True), ADDR_AL, src(V, 1, rel=True), ADDR_AL)
    p.op(SETP, dst(P, 0, 'x'), src(C, 0, rel=True), ADDR_AL, src(C, 1), ctl=LT)
    p.op(MOV, dst(R, 31), src(P, 0, 'x'), src(R, 31, 'x', NEG), pred=True)
    p.op(ENDLOOP)
    p.op(MOV, dst(O, 11), src(R, 31))
    out['vs_3_0_loop'] = p

    p = Prog('vs', 3, 0)
    p.dcl_usage(V, 0, POSITION).dcl_usage(O, 0, POSITION)
    p.defb(3, True)
    p.op(CALLNZ, src(LBL, 5), src(B, 3))
    p.op(CALL, src(LBL, 2047))
    p.op(MOV, dst(O, 0), src(R, 0))
    p.op(RET)
    p.op(LABEL, src(LBL, 5))
    p.op(IF, src(B, 3))
    p.op(MOV, dst(R, 0), src(V, 0))
    p.op(ELSE)
    p.op(MOV, dst(R, 0), src(C, 0))
    p.op(ENDIF)
    p.op(RET)
    p.op(LABEL, src(LBL, 2047))
    p.op(REP, src(I, 15))
    p.op(ADD, dst(R, 0), src(R, 0), src(C, 1))
    p.op(ENDREP)
    p.op(RET)
    out['vs_3_0_subroutines'] = p
    return out


def ps_1(minor):
    out = {}
    n = 'ps_1_%d' % minor
    p = Prog('ps', 1, minor)
    p.def_(0, 1.0, 0.5, 0.0, 1.0)
    p.op(TEX, dst(T, 0))
    p.op(TEX, dst(T, 1))
    p.op(MUL, dst(R, 0), src(T, 0), src(V, 0))
    p.op(MAD, dst(R, 0, 'xyz', shift=1), src(T, 1, mod=BX2), src(C, 0),
         src(R, 0))
    p.op(MOV, dst(R, 0, 'w'), src(T, 1, 'w', COMP), coissue=True)
    p.op(LRP, dst(R, 1, mods=SAT), src(V, 1, 'w'), src(R, 0), src(C, 1))
    p.op(CND, dst(R, 0), src(R, 0, 'w'), src(R, 1), src(T, 0, mod=BIAS))
    out[n + '_basic'] = p

    p = Prog('ps', 1, minor)
    p.op(TEX, dst(T, 0))
    p.op(TEXBEM, dst(T, 1), src(T, 0))
    p.op(TEXBEML, dst(T, 2), src(T, 0))
    p.op(TEXREG2AR, dst(T, 3), src(T, 1)) if minor == 1 else \
        p.op(TEXREG2GB, dst(T, 3), src(T, 1))
    p.op(ADD, dst(R, 0), src(T, 2), src(T, 3, mod=NEG))
    p.op(SUB, dst(R, 1, shift=-1), src(R, 0), src(V, 0, mod=BIASNEG))
    p.op(DP3, dst(R, 0, mods=SAT), src(R, 1, mod=BX2NEG), src(V, 1, mod=BX2))
    out[n + '_bump'] = p

    p = Prog('ps', 1, minor)
    p.op(TEX, dst(T, 0))
    p.op(TEXM3x3PAD, dst(T, 1), src(T, 0, mod=BX2))
    p.op(TEXM3x3PAD, dst(T, 2), src(T, 0, mod=BX2))
    p.op(TEXM3x3SPEC if minor != 2 else TEXM3x3VSPEC, dst(T, 3),
         src(T, 0, mod=BX2), *([src(C, 0)] if minor != 2 else []))
    p.op(MOV, dst(R, 0), src(T, 3))
    out[n + '_texm3x3'] = p

    p = Prog('ps', 1, minor)
    p.op(TEXCOORD, dst(T, 0))
    p.op(TEXKILL, dst(T, 0))
    p.op(TEX, dst(T, 1))
    p.op(TEXM3x2PAD, dst(T, 2), src(T, 1))
    p.op(TEXM3x2TEX if minor != 3 else TEXM3x2DEPTH, dst(T, 3), src(T, 1))
    p.op(MOV, dst(R, 0), src(T, 0, 'w'))
    out[n + '_texcoord'] = p

    if minor >= 2:
        p = Prog('ps', 1, minor)
        p.def_(7, 0.5, 0.5, 0.5, 0.5)
        p.op(TEX, dst(T, 0))
        p.op(TEXREG2RGB, dst(T, 1), src(T, 0))
        p.op(TEXDP3TEX, dst(T, 2), src(T, 0))
        p.op(TEXDP3, dst(T, 3), src(T, 0))
        p.op(CMP, dst(R, 0), src(T, 1, mod=NEG), src(T, 2), src(C, 7))
        p.op(DP4, dst(R, 1), src(R, 0), src(T, 3))
        p.op(MUL, dst(R, 0, shift=2), src(R, 0), src(R, 1))
        out[n + '_cmp'] = p

        p = Prog('ps', 1, minor)
        p.op(TEX, dst(T, 0))
        p.op(TEXM3x3PAD, dst(T, 1), src(T, 0))
        p.op(TEXM3x3PAD, dst(T, 2), src(T, 0))
        p.op(TEXM3x3, dst(T, 3), src(T, 0))
        p.op(MOV, dst(R, 0), src(T, 3))
        out[n + '_texm3x3_plain'] = p
    return out


def ps_1_4():
    out = {}
    p = Prog('ps', 1, 4)
    p.def_(0, 0.5, 0.25, 1.0, 0.0)
    # texcrd is D3DSIO_TEXCOORD with a source in ps_1_4.
    p.op(TEXCOORD, dst(R, 0, 'xyz'), src(T, 0, mod=DZ, s='xyz' + 'z'))
    p.op(TEX, dst(R, 1), src(T, 1))
    p.op(TEX, dst(R, 2), src(T, 2, mod=DW, s='xyww'))
    p.op(BEM, dst(R, 3, 'xy'), src(R, 0), src(R, 1))
    p.op(PHASE)
    p.op(TEX, dst(R, 3), src(R, 3))
    p.op(TEX, dst(R, 4), src(T, 5))
    p.op(TEXDEPTH, dst(R, 5))
    p.op(MAD, dst(R, 0, shift=-3), src(R, 3, mod=X2), src(R, 4, mod=X2NEG),
         src(C, 0, 'z'))
    p.op(CND, dst(R, 0, 'xyz'), src(R, 2, 'z'), src(R, 0), src(C, 1))
    p.op(CMP, dst(R, 0, 'w'), src(R, 1, 'w'), src(C, 0), src(V, 1),
         coissue=True)
    p.op(TEXKILL, dst(R, 4))
    out['ps_1_4_phase'] = p

    p = Prog('ps', 1, 4)
    p.op(TEX, dst(R, 0), src(T, 0))
    p.op(TEX, dst(R, 5), src(T, 3))
    p.op(DP3, dst(R, 1, mods=SAT), src(R, 0, mod=BX2), src(V, 0, mod=BX2))
    p.op(MUL, dst(R, 0), src(R, 1), src(R, 5, mod=COMP))
    p.op(NOP)
    out['ps_1_4_simple'] = p
    return out



def ps_2(minor):
    out = {}
    n = 'ps_2_0' if minor == 0 else 'ps_2_x'
    p = Prog('ps', 2, minor)
    p.dcl_plain(T, 0, 'xy').dcl_plain(T, 1, mods=CENTROID).dcl_plain(V, 0)
    p.dcl_plain(V, 1, 'xyz', mods=PP)
    p.dcl_sampler(0, TEX2D).dcl_sampler(1, TEXCUBE).dcl_sampler(15, TEXVOLUME)
    p.def_(0, 0.0, 0.5, 1.0, 2.0)
    p.op(TEX, dst(R, 0), src(T, 0), src(S, 0))
    p.op(TEX, dst(R, 1), src(T, 1), src(S, 1), ctl=1)
    p.op(TEX, dst(R, 2, mods=PP), src(T, 1), src(S, 15), ctl=2)
    p.op(DP2ADD, dst(R, 3, 'x'), src(R, 0), src(R, 1), src(C, 0, 'x'))
    p.op(CMP, dst(R, 4), src(R, 3, 'x'), src(R, 1), src(R, 2))
    p.op(MAD, dst(OC, 0, mods=SAT), src(R, 4), src(V, 0), src(V, 1, mod=NEG))
    p.op(MOV, dst(OC, 3), src(R, 0, 'wzyx'))
    p.op(MOV, dst(ODEPTH, 0, 'x'), src(R, 3, 'x'))
    p.op(TEXKILL, dst(T, 0))
    out[n + '_texld'] = p

    p = Prog('ps', 2, minor)
    p.dcl_plain(T, 7)
    p.def_(30, -1.5500992e-006, -2.1701389e-005, 0.0026041667, 0.00026041668)
    p.def_(31, -0.020833334, -0.12500000, 1.0, 0.50000000)
    p.op(SINCOS, dst(R, 0, 'xy'), src(T, 7, 'x'), src(C, 30), src(C, 31))
    p.op(ABS, dst(R, 1), src(T, 7))
    p.op(NRM, dst(R, 2), src(R, 1))
    p.op(POW, dst(R, 3, 'x'), src(R, 1, 'x'), src(R, 2, 'y'))
    p.op(CRS, dst(R, 4, 'xyz'), src(R, 1), src(R, 2))
    p.op(EXP, dst(R, 5, 'x'), src(R, 3, 'x'))
    p.op(LOG, dst(R, 5, 'y'), src(R, 3, 'x'))
    p.op(FRC, dst(R, 6), src(R, 5))
    p.op(RCP, dst(R, 7, 'x'), src(R, 6, 'x'))
    p.op(RSQ, dst(R, 8, 'y'), src(R, 6, 'y'))
    p.op(MIN, dst(R, 9), src(R, 7), src(R, 8))
    p.op(MAX, dst(R, 10), src(R, 9), src(C, 0))
    p.op(M4x4, dst(R, 11), src(R, 10), src(C, 0))
    p.op(M3x3, dst(R, 0, 'xyz'), src(R, 11), src(C, 4))
    p.op(M3x2, dst(R, 1, 'xy'), src(R, 0), src(C, 8))
    p.op(M4x3, dst(R, 2, 'xyz'), src(R, 1), src(C, 12))
    p.op(M3x4, dst(R, 3), src(R, 2), src(C, 16))
    p.op(LRP, dst(R, 4), src(R, 3), src(R, 2), src(R, 1, mod=ABSM))
    p.op(SUB, dst(OC, 0), src(R, 4), src(C, 29))
    out[n + '_math'] = p

    if minor == 1:
        p = Prog('ps', 2, 1)
        p.dcl_plain(T, 0).dcl_sampler(0, TEX2D)
        p.defi(0, 3, 0, 0, 0).defb(0, False)
        p.op(DSX, dst(R, 0), src(T, 0))
        p.op(DSY, dst(R, 1), src(T, 0))
        p.op(TEXLDD, dst(R, 2), src(T, 0), src(S, 0), src(R, 0), src(R, 1))
        p.op(SETP, dst(P, 0), src(R, 2), src(C, 0), ctl=GE)
        p.op(TEX, dst(R, 3), src(P, 0, 'x', NOT), src(T, 0), src(S, 0),
             pred=True)
        p.op(REP, src(I, 0))
        p.op(ADD, dst(R, 3), src(R, 3), src(C, 1))
        p.op(BREAKC, src(R, 3, 'x'), src(C, 2, 'x'), ctl=GT)
        p.op(IFC, src(R, 3, 'y'), src(C, 2, 'y'), ctl=EQ)
        p.op(BREAK)
        p.op(ENDIF)
        p.op(BREAKP, src(P, 0, 'y'))
        p.op(ENDREP)
        p.op(IF, src(B, 0))
        p.op(CALL, src(LBL, 3))
        p.op(ENDIF)
        p.op(IF, src(P, 0, 'z'))
        p.op(MOV, dst(R, 31), src(C, 3))
        p.op(ELSE)
        p.op(MOV, dst(R, 31), src(R, 3))
        p.op(ENDIF)
        p.op(MOV, dst(OC, 0), src(R, 31))
        p.op(RET)
        p.op(LABEL, src(LBL, 3))
        p.op(MOV, dst(R, 3), src(C, 4))
        p.op(RET)
        out['ps_2_x_flow'] = p
    return out


def ps_3_0():
    out = {}
    p = Prog('ps', 3, 0)
    p.dcl_usage(V, 0, TEXCOORDU, 0, 'xy', CENTROID)
    p.dcl_usage(V, 1, COLOR, 0)
    p.dcl_usage(V, 2, NORMAL, 0, 'xyz', PP)
    p.dcl_plain(MISC, 0, 'xy').dcl_plain(MISC, 1)
    p.dcl_sampler(0, TEX2D).dcl_sampler(7, TEXVOLUME)
    p.def_(0, 0.0, 0.5, 1.0, 2.0)
    p.op(TEX, dst(R, 0, mods=CENTROID), src(V, 0), src(S, 0))
    p.op(TEXLDL, dst(R, 1), src(V, 0), src(S, 7))
    p.op(TEXLDD, dst(R, 2), src(V, 0), src(S, 0), src(C, 1), src(C, 2))
    p.op(CMP, dst(R, 3), src(MISC, 1, 'x'), src(R, 0), src(R, 1))
    p.op(ADD, dst(R, 4, 'xy'), src(MISC, 0), src(C, 0, 'y', NEG))
    p.op(SINCOS, dst(R, 5, 'xy'), src(R, 4, 'x'))
    p.op(DP2ADD, dst(R, 6, 'x'), src(R, 5), src(R, 4), src(C, 0, 'z'))
    p.op(DSX, dst(R, 7), src(V, 2, mod=ABSM))
    p.op(MAD, dst(OC, 0, mods=SAT | PP), src(R, 3), src(V, 1), src(R, 2))
    p.op(MOV, dst(OC, 1), src(R, 7))
    p.op(MOV, dst(ODEPTH, 0), src(R, 6, 'x'))
    out['ps_3_0_inputs'] = p

    p = Prog('ps', 3, 0)
    for i in range(10):
        p.dcl_usage(V, i, TEXCOORDU, i % 8)
    p.defi(0, 10, 0, 1, 0)
    p.def_(223, 1.0, 1.0, 1.0, 1.0)
    p.op(MOV, dst(R, 0), src(C, 223))
    p.op(LOOP, ADDR_AL, src(I, 0))
    p.op(ADD, dst(R, 0), src(R, 0), src(V, 0, rel=True), ADDR_AL)
    p.op(SETP, dst(P, 0, 'x'), src(R, 0, 'x'), src(C, 0, 'x'), ctl=GT)
    p.op(BREAKP, src(P, 0, 'x'))
    p.op(ENDLOOP)
    p.op(TEXKILL, dst(R, 0))
    p.op(MOV, dst(OC, 0), src(R, 0))
    out['ps_3_0_loop'] = p

    p = Prog('ps', 3, 0)
    p.dcl_usage(V, 0, COLOR, 0)
    p.comment([0x12345678] * 5)
    p.op(CALLNZ, src(LBL, 1), src(B, 0))
    p.op(MOV, dst(OC, 0), src(V, 0))
    p.op(RET)
    p.comment([])
    p.op(LABEL, src(LBL, 1))
    p.op(REP, src(I, 0))
    p.op(LOOP, ADDR_AL, src(I, 1))
    p.op(IFC, src(V, 0, 'x'), src(C, 0, 'x'), ctl=LT)
    p.op(BREAK)
    p.op(ENDIF)
    p.op(ENDLOOP)
    p.op(ENDREP)
    p.op(RET)
    out['ps_3_0_nested'] = p
    return out


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else \
        os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus')
    os.makedirs(outdir, exist_ok=True)
    progs = {}
    progs.update(vs_1_1())
    progs.update(vs_2(0))
    progs.update(vs_2(1))
    progs.update(vs_3_0())
    for minor in (1, 2, 3):
        progs.update(ps_1(minor))
    progs.update(ps_1_4())
    progs.update(ps_2(0))
    progs.update(ps_2(1))
    progs.update(ps_3_0())
    for name, p in sorted(progs.items()):
        with open(os.path.join(outdir, name + '.bin'), 'wb') as f:
            f.write(p.data())
    print('%d programs written to %s' % (len(progs), outdir))


if __name__ == '__main__':
    main()
