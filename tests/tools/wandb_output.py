#!/usr/bin/env python3
"""wandb_output.py FILE.wandb STREAM TEXT...: append W&B output records
(Record field 4, OutputRecord: output_type 1 = 0 stderr / 1 stdout,
timestamp 2, line 3) to a .wandb transaction log, one a TEXT, as the
client writes them: a FULL chunk each, a new block when fewer than 7 bytes
are left (the padding zeroed), a record cut FIRST/MIDDLE/LAST across
blocks. TEXT is taken as given; backslash escapes (\\n, \\r, \\x1b, \\a)
are decoded. Written by hand: no wandb package needed."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wandb_rec import frame, ld, varint  # noqa: E402

def output_record(stream, text):
    now = time.time()
    ts = varint(1 << 3) + varint(int(now)) + varint(2 << 3) + varint(int((now % 1) * 1e9))
    body = varint(1 << 3) + varint(stream) + ld(2, ts) + ld(3, text)
    return ld(4, body)


def main():
    path, stream = sys.argv[1], int(sys.argv[2])
    for text in sys.argv[3:]:
        raw = text.encode("utf-8").decode("unicode_escape").encode("latin-1")
        with open(path, "ab") as f:
            pos = os.fstat(f.fileno()).st_size
            f.write(frame(pos, output_record(stream, raw)))


main()
