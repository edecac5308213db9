#!/usr/bin/env python3
"""wandb_output.py FILE.wandb STREAM TEXT...: append W&B output records
(Record field 4, OutputRecord: output_type 1 = 0 stderr / 1 stdout,
timestamp 2, line 3) to a .wandb transaction log, one a TEXT, as the
client writes them: a FULL chunk each, a new block when fewer than 7 bytes
are left (the padding zeroed), a record cut FIRST/MIDDLE/LAST across
blocks. TEXT is taken as given; backslash escapes (\\n, \\r, \\x1b, \\a)
are decoded. Written by hand: no wandb package needed."""
import os
import struct
import sys
import time
import zlib

BLOCK = 32768


def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        out.append(b | (0x80 if v else 0))
        if not v:
            return bytes(out)


def ld(field, data):
    return varint(field << 3 | 2) + varint(len(data)) + data


def output_record(stream, text):
    now = time.time()
    ts = varint(1 << 3) + varint(int(now)) + varint(2 << 3) + varint(int((now % 1) * 1e9))
    body = varint(1 << 3) + varint(stream) + ld(2, ts) + ld(3, text)
    return ld(4, body)


def chunks(pos, data):
    """(bytes to write) for one record at file offset pos."""
    out = bytearray()
    first = True
    while True:
        left = BLOCK - pos % BLOCK
        if left < 7:
            out += b"\0" * left
            pos += left
            continue
        n = min(len(data), left - 7)
        last = n == len(data)
        kind = (1 if last else 2) if first else (4 if last else 3)
        piece = data[:n]
        crc = zlib.crc32(bytes([kind]) + piece) & 0xFFFFFFFF
        out += struct.pack("<IHB", crc, n, kind) + piece
        pos += 7 + n
        data = data[n:]
        first = False
        if last:
            return bytes(out)


def main():
    path, stream = sys.argv[1], int(sys.argv[2])
    for text in sys.argv[3:]:
        raw = text.encode("utf-8").decode("unicode_escape").encode("latin-1")
        with open(path, "ab") as f:
            pos = os.fstat(f.fileno()).st_size
            f.write(chunks(pos, output_record(stream, raw)))


main()
