#!/usr/bin/env python3
"""wandb_media.py OUT.wandb: a .wandb whose history logs a table the way
newer clients do, one item a field with a _type sibling (as nested_key
parts, and as one dotted key), beside plain scalars. Written byte by byte:
LevelDB-log chunks of W&B Record protobufs."""
import struct
import sys
import zlib


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


def item(key, json, nested=False):
    if nested:
        body = b"".join(ld(2, k.encode()) for k in key)
    else:
        body = ld(1, key.encode())
    return ld(1, body + ld(16, json.encode()))


def history(step):
    items = [
        item("_step", str(step)),
        item("_timestamp", str(1700000000 + step)),
        item("loss", str(1.0 / (step + 1))),
        item("eval.acc", "0.5"),                      # a dotted scalar: charted
        item(["my_table", "_type"], '"table-file"', True),
        item(["my_table", "nrows"], "12", True),
        item(["my_table", "size"], "4096", True),
        item(["my_table", "ncols"], "3", True),
        item("other_table._type", '"table-file"'),
        item("other_table.nrows", "7"),
        item("other_table.size", "512"),
    ]
    return ld(2, b"".join(items))


def run():
    return ld(17, ld(1, b"media1") + ld(3, b"proj") + ld(8, b"table-run"))


def chunks(out, rec):
    left = 32768 - len(out) % 32768
    if left < 7:
        out += b"\0" * left
        left = 32768
    assert len(rec) + 7 <= left
    crc = zlib.crc32(rec, zlib.crc32(b"\x01"))
    out += struct.pack("<IHB", crc, len(rec), 1) + rec


def main():
    out = bytearray(b":W&B\xe1\xbe\x00")
    chunks(out, run())
    for step in range(5):
        chunks(out, history(step))
    with open(sys.argv[1], "wb") as f:
        f.write(out)


main()
