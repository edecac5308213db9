#!/usr/bin/env python3
"""wandb_dump.py: an independent reader of W&B .wandb transaction logs for
tailboard's tests (python3 standard library only).

Framing follows W&B's datastore (LevelDB log layout): a 7-byte header
(":W&B", u16 magic 0xBEE1, u8 version 0), 32 KiB blocks, 7-byte chunk headers
(u32 CRC-32 over type byte + data, u16 length, u8 type FULL/FIRST/MIDDLE/LAST),
trailers shorter than a header are zero padding.  Records are W&B's `Record`
protobuf (wandb_internal.proto): history=2, summary=3, config=5, stats=7,
run=17.

Prints the points tailboard's export should produce for one run, as
`tag,step,wall_time,value` lines with values formatted by repr(), or
with --records a list of record types.
"""
import json
import math
import struct
import sys
import zlib

BLOCK = 32768
HDR = 7


def varint(b, i):
    shift = 0
    v = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << shift
        if c < 0x80:
            return v, i
        shift += 7


def fields(b):
    """Yield (num, wire, value) for one message; value is int or bytes."""
    i = 0
    while i < len(b):
        key, i = varint(b, i)
        num, wire = key >> 3, key & 7
        if wire == 0:
            v, i = varint(b, i)
        elif wire == 1:
            v = struct.unpack_from("<Q", b, i)[0]
            i += 8
        elif wire == 5:
            v = struct.unpack_from("<I", b, i)[0]
            i += 4
        elif wire == 2:
            n, i = varint(b, i)
            v = bytes(b[i:i + n])
            if len(v) != n:
                raise ValueError("truncated field")
            i += n
        else:
            raise ValueError("wire type %d" % wire)
        yield num, wire, v


def records(data):
    """Yield (offset, payload) for every complete, CRC-valid record."""
    if len(data) < HDR or data[:4] != b":W&B":
        return
    pos = HDR
    buf = b""
    start = None
    while True:
        left = BLOCK - pos % BLOCK
        if left < HDR:
            pos += left
            continue
        if pos + HDR > len(data):
            return
        crc, n, typ = struct.unpack_from("<IHB", data, pos)
        if crc == 0 and n == 0 and typ == 0:
            return  # zero fill at the end
        body = data[pos + HDR:pos + HDR + n]
        if len(body) != n:
            return  # torn tail
        if zlib.crc32(bytes([typ]) + body) & 0xFFFFFFFF != crc:
            # resynchronise at the next block
            pos = (pos // BLOCK + 1) * BLOCK
            buf, start = b"", None
            continue
        if typ == 1:
            yield pos, body
        elif typ == 2:
            buf, start = body, pos
        elif typ == 3 and start is not None:
            buf += body
        elif typ == 4 and start is not None:
            yield start, buf + body
            buf, start = b"", None
        pos += HDR + n


def item_key(b):
    key = None
    nested = []
    val = None
    for num, _, v in fields(b):
        if num == 1:
            key = v.decode()
        elif num == 2:
            nested.append(v.decode())
        elif num == 16:
            val = v.decode()
    if nested:
        key = "/".join(nested)
    return key, val


def pyjson(text):
    return json.loads(text)  # Python's json accepts NaN/Infinity too


def number(v):
    if isinstance(v, bool):
        return float(v)
    if isinstance(v, (int, float)):
        return float(v)
    return None


def flatten(prefix, v, out):
    """Numbers at any depth of a JSON value, keys joined with '/'."""
    if isinstance(v, dict):
        if v.get("_type"):
            return  # media, tables, histograms: not scalars
        for k, sub in v.items():
            if k.startswith("_"):
                continue
            flatten(prefix + "/" + k if prefix else k, sub, out)
        return
    if isinstance(v, bool):
        return  # not a scalar W&B plots
    x = number(v)
    if x is not None:
        out.append((prefix, x))


def fmt(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x)


def dump_points(data, out):
    last_step = 0
    for _, rec in records(data):
        for num, wire, v in fields(rec):
            if num == 2 and wire == 2:      # history
                items = []
                step = None
                for n2, _, v2 in fields(v):
                    if n2 == 1:
                        items.append(item_key(v2))
                    elif n2 == 2:
                        for n3, _, v3 in fields(v2):
                            if n3 == 1:
                                step = v3 if v3 < 1 << 63 else v3 - (1 << 64)
                vals = {}
                for k, j in items:
                    vals[k] = pyjson(j)
                if isinstance(vals.get("_step"), (int, float)):
                    step = int(vals["_step"])
                if step is None:
                    step = last_step
                last_step = step
                wall = number(vals.get("_timestamp", 0)) or 0.0
                pts = []
                for k, j in vals.items():
                    if not k or k.startswith("_"):
                        continue
                    flatten(k, j, pts)
                for tag, x in pts:
                    out.write("%s,%d,%s,%s\n" % (tag, step or 0, fmt(wall), fmt(x)))
            elif num == 7 and wire == 2:    # stats
                wall = 0.0
                pts = []
                for n2, _, v2 in fields(v):
                    if n2 == 2:
                        sec = nano = 0
                        for n3, _, v3 in fields(v2):
                            if n3 == 1:
                                sec = v3
                            elif n3 == 2:
                                nano = v3
                        wall = sec + nano / 1e9
                    elif n2 == 3:
                        k, j = item_key(v2)
                        flatten("system/" + k, pyjson(j), pts)
                for tag, x in pts:
                    out.write("%s,%d,%s,%s\n" % (tag, last_step, fmt(wall), fmt(x)))


def dump_records(data, out):
    names = {2: "history", 3: "summary", 4: "output", 5: "config", 6: "files",
             7: "stats", 8: "artifact", 9: "tbrecord", 10: "alert",
             11: "telemetry", 12: "metric", 13: "output_raw", 17: "run",
             18: "exit", 20: "final", 21: "header", 22: "footer",
             23: "preempting", 100: "request"}
    for off, rec in records(data):
        kinds = [names.get(n, str(n)) for n, _, _ in fields(rec)
                 if n not in (1, 16, 19, 200)]
        out.write("%d %d %s\n" % (off, len(rec), ",".join(kinds)))


def main():
    args = sys.argv[1:]
    mode = dump_points
    if args and args[0] == "--records":
        mode = dump_records
        args = args[1:]
    for path in args:
        with open(path, "rb") as fp:
            mode(fp.read(), sys.stdout)


if __name__ == "__main__":
    main()
