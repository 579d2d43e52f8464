#!/usr/bin/env python3
"""Writes the seed corpus of the `event` and `export` fuzz targets.

Layout: see fuzz/src/lib.rs. Offsets are x86_64 (RAS_PORT_1 1188 bytes,
RAS_PARAMETERS 56). Run from anywhere: python3 fuzz/make-seeds.py
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
PORT_REGION, STATS_REGION, PARAM = 1200, 120, 56


def header(flags=0, count_mode=0, count=0, size_mode=1, size=0, tail=0,
           slice_sel=0, pad=0, mis=0):
    h = bytearray(16)
    h[0] = flags
    h[1] = count_mode
    h[2:4] = struct.pack("<H", count)
    h[4] = size_mode
    h[5:9] = struct.pack("<I", size)
    h[9:11] = struct.pack("<H", tail)
    h[11] = slice_sel
    h[14] = pad
    h[15] = mis
    return h


def wide(buf, off, text, cap=None, terminate=True):
    units = text.encode("utf-16-le")
    buf[off:off + len(units)] = units
    if terminate:
        buf[off + len(units):off + len(units) + 2] = b"\0\0"


def port(user="alice", ip="10.0.0.2", flags=0x5, start=851990400, line=6, hw=1):
    p = bytearray(PORT_REGION)
    wide(p, 0, "COM1")
    wide(p, 32, "modem")
    wide(p, 64, "Hayes Optima 28800")
    wide(p, 320, "rasser")
    struct.pack_into("<I", p, 356, flags)
    wide(p, 360, user)
    wide(p, 874, "ALICE-PC")
    struct.pack_into("<I", p, 908, start)
    wide(p, 912, "CORP")
    struct.pack_into("<III", p, 948, line, hw, 28800)
    struct.pack_into("<H", p, 960, 28)
    struct.pack_into("<I", p, 1028, 0)
    wide(p, 1032, ip)
    struct.pack_into("<I", p, 968, 733)
    struct.pack_into("<I", p, 1064, 733)
    struct.pack_into("<I", p, 1116, 733)
    return p


def stats(seed=1):
    s = bytearray(STATS_REGION)
    for i in range(28):
        struct.pack_into("<I", s, 4 * i, seed * 1000 + i)
    return s


def param(key, kind, length=0, sel_len=0, sel_data=7, off=0, number=0):
    """kind: 0 number, 1 string, 2 raw P_Type."""
    e = bytearray(PARAM)
    e[:len(key)] = key
    struct.pack_into("<i", e, 32, 0 if kind == 0 else 1)
    e[37], e[38], e[39] = kind, sel_len, sel_data
    struct.pack_into("<I", e, 40, number if kind == 0 else length)
    struct.pack_into("<I", e, 48, off)
    return e


def write(name, data):
    for target in ("event", "export"):
        d = os.path.join(HERE, "corpus", target)
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, name), "wb") as f:
            f.write(bytes(data))


# A realistic event: 4 parameters, strings after the array, exact size.
strings = b"28800COM1V42BIS"
params = (param(b"MAXCONNECTBPS", 0, number=33600)
          + param(b"CONNECTBPS", 1, length=5, sel_data=1, off=0)
          + param(b"PortName", 1, length=4, sel_data=1, off=5)
          + param(b"Compression", 1, length=6, sel_data=1, off=9))
write("realistic", header(count=4, size_mode=1, tail=len(strings))
      + port() + stats() + params + strings)
# The same with SizeMediaParms 0 (strings read where Data points, capped).
write("size-zero", header(count=4, size_mode=0, tail=len(strings))
      + port() + stats() + params + strings)
# Nothing at all: zero header, no payload.
write("empty", header(size_mode=0))
# Null port, stats and params; misaligned everything.
write("null-port", header(flags=0x01, count=1) + port() + stats())
write("misaligned", header(flags=0x38, count=2, mis=0x5B) + port() + stats()
      + param(b"A", 0) + param(b"B", 1, length=3))
# Unterminated names, unpaired surrogates: the pad byte fills all names.
write("surrogates", header(count=3, size_mode=4, tail=32, pad=0xD8)
      + b"\x00\xd8" * 40)
# A huge NumMediaParms with a null array, and a size below the array.
write("huge-count", header(count_mode=0xF0, count=0xFFFF) + port() + stats())
write("size-too-small", header(count=8, size_mode=3, size=100) + port()
      + stats() + param(b"X", 1, length=1024, sel_len=4, sel_data=6) * 8)
# Hostile strings: lengths past the cap and u32::MAX, Data just past the
# arena, into the port, into a second allocation; a slice mismatch for new.
hostile = (param(b"CAP", 1, sel_len=5, sel_data=3, off=12)
           + param(b"MAX", 1, sel_len=6, sel_data=2, off=7)
           + param(b"PAST", 1, length=9, sel_len=0, sel_data=4)
           + param(b"OTHER", 1, length=40, sel_data=6, off=3)
           + param(b"\xe9t\xe9", 2, length=3)
           + param(b"NUMBER ", 1, length=8, sel_data=5))
write("hostile", header(count=6, size_mode=2, size=123456, tail=16,
                        slice_sel=0x83)
      + port(user="b\U0001F980b", ip="256.1.1.1", flags=0xFFFFFFFF,
             line=99, hw=0) + stats(7) + hostile + b" 42 \t")
