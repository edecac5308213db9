#!/usr/bin/env python3
"""cmp_points.py EXPECTED ACTUAL [RUN]: compare points as multisets.

EXPECTED holds `tag,step,wall_time,value` rows (from wandb_dump.py or
literal test data); ACTUAL is `tailboard export` output (`run,tag,step,
wall_time,value` with a header), filtered to RUN when given.  Values match
within a relative 1e-9 (or, for values that are exactly float32, when the
printed value reads back as the same float32), wall times within 1 ms; nan
matches nan.  Prints
differences and exits 1 when there are any."""
import csv
import math
import struct
import sys


def f32(x):
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        return None


def num(s):
    return float(s)


def key(tag, step, wall, value):
    return (tag, int(step), num(wall), num(value))


def same(a, b):
    if a[0] != b[0] or a[1] != b[1]:
        return False
    if abs(a[2] - b[2]) > 1e-3:
        return False
    x, y = a[3], b[3]
    if math.isnan(x) or math.isnan(y):
        return math.isnan(x) and math.isnan(y)
    if math.isinf(x) or math.isinf(y):
        return x == y
    if abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y)):
        return True
    # export prints a value that is exactly a float32 (as TensorBoard's are)
    # in float32's shortest form; it must read back as the same float32
    return f32(x) == x and f32(y) == x


def load(path, run):
    rows = []
    with open(path, newline="") as fp:
        for r in csv.reader(fp):
            if not r or r[0].startswith("#") or r[0] == "run" or r[0] == "tag":
                continue
            if len(r) == 5:
                if run is not None and r[0] != run:
                    continue
                r = r[1:]
            rows.append(key(*r))
    return rows


def main():
    exp = load(sys.argv[1], None)
    act = load(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    order = lambda p: (p[0], p[1], p[2], 0.0 if math.isnan(p[3]) else p[3])
    exp.sort(key=order)
    act.sort(key=order)
    bad = 0
    if len(exp) != len(act):
        print("# expected %d points, got %d" % (len(exp), len(act)))
        bad += 1
    for a, b in zip(exp, act):
        if not same(a, b):
            print("# want %r\n#  got %r" % (a, b))
            bad += 1
            if bad > 10:
                break
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
