#!/usr/bin/env python3
"""cmp_hparams.py EXPECTED GOT: every "run<TAB>key<TAB>value" line of
EXPECTED (hparams_ref.py) must be in GOT (watchdrv's hparams) with the same
value: numbers compared by value, lists and objects as JSON, text byte for
byte (values over 256 bytes: their first 253, then "..."); and the runs of
EXPECTED may hold no other keys in GOT. Prints what differs; exit 1 when
anything does."""
import json
import math
import sys

MAX_TEXT = 256


def load(path):
    d = {}
    for line in open(path, encoding="utf-8", errors="surrogateescape"):
        parts = line.rstrip("\n").split("\t", 2)
        if len(parts) == 3:
            d[(parts[0], parts[1])] = parts[2]
    return d


def num(s):
    if s in ("nan", "inf", "-inf", "NaN", "Infinity", "-Infinity"):
        return float(s.replace("inity", ""))
    try:
        return float(s) if s.strip() == s and s else None
    except ValueError:
        return None


def same_json(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_json(a[k], b[k]) for k in a)
    return a == b


def same(want, got):
    if want == got:
        return True
    if len(want.encode()) > MAX_TEXT:
        return got.endswith("...") and want.encode().startswith(got[:-3].encode())
    a, b = num(want), num(got)
    if a is not None and b is not None:
        return a == b or (math.isnan(a) and math.isnan(b))
    try:
        return same_json(json.loads(want), json.loads(got))
    except ValueError:
        return False


def main():
    want, got = load(sys.argv[1]), load(sys.argv[2])
    bad = 0
    for (run, key), v in sorted(want.items()):
        g = got.get((run, key))
        if g is None:
            print("missing: %s %s = %s" % (run, key, v))
            bad += 1
        elif not same(v, g):
            print("differs: %s %s: want %s, got %s" % (run, key, v, g))
            bad += 1
    runs = {run for run, _ in want}
    for (run, key), v in sorted(got.items()):
        if run in runs and (run, key) not in want:
            print("extra: %s %s = %s" % (run, key, v))
            bad += 1
    print("%d of %d hyperparameters differ" % (bad, len(want)))
    sys.exit(1 if bad else 0)


main()
