#!/usr/bin/env python3
"""compare_export.py EXPECTED.csv ACTUAL.csv: the same scalar points?

EXPECTED is a TensorBoard reference dump ("# logdir: ..." then
run,tag,step,wall_time,value); ACTUAL is `tailboard export` output.
Rows must match one for one in order (run, tag, step, then read order).
Values compare as float32 when the reference value is a float32 (TF1
simple_value and most tensor scalars are), else as doubles.
--by-tag: the reference is in the order its reader met the points (W&B's
history rows, tags interleaved); compare after a stable sort of both by
run and tag, so each tag's points keep their order.
--skip-prefix P: leave out ACTUAL's tags that start with P (W&B's
system/ tags, which the reference's history does not hold)."""
import csv, math, struct, sys


def f32(x):
    return struct.unpack('f', struct.pack('f', x))[0]


def same(a, b):
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    if a == b:
        return True
    if f32(b) == b or f32(a) == a:
        return f32(a) == f32(b)
    return abs(a - b) <= 1e-12 * max(abs(a), abs(b))


def rows(path):
    with open(path, newline='', encoding='utf-8', errors='surrogateescape') as fp:
        r = [row for row in csv.reader(fp) if row and not row[0].startswith('#')]
    assert r[0] == ['run', 'tag', 'step', 'wall_time', 'value'], r[0]
    return r[1:]


def main():
    args, by_tag, skip = sys.argv[1:], False, None
    while args and args[0].startswith('--'):
        if args[0] == '--by-tag':
            by_tag, args = True, args[1:]
        elif args[0] == '--skip-prefix':
            skip, args = args[1], args[2:]
        else:
            sys.exit('compare_export.py: unknown option ' + args[0])
    exp, act = rows(args[0]), rows(args[1])
    if skip:
        act = [a for a in act if not a[1].startswith(skip)]
    if by_tag:
        exp.sort(key=lambda r: (r[0], r[1]))
        act.sort(key=lambda r: (r[0], r[1]))
    bad = 0
    if len(exp) != len(act):
        print('# row count: expected %d, got %d' % (len(exp), len(act)))
        bad += 1
    for i, (e, a) in enumerate(zip(exp, act)):
        ok = (e[0] == a[0] and e[1] == a[1] and int(e[2]) == int(a[2])
              and same(float(e[4]), float(a[4]))
              and abs(float(e[3]) - float(a[3])) <= 1e-6 * max(1.0, abs(float(e[3]))))
        if not ok:
            bad += 1
            if bad <= 5:
                print('# row %d: expected %s\n#          got      %s' % (i + 1, e, a))
    if bad:
        print('# %d mismatches' % bad)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
