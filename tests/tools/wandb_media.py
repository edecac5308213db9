#!/usr/bin/env python3
"""wandb_media.py OUT.wandb: a .wandb whose history logs a table the way
newer clients do, one item a field with a _type sibling (as nested_key
parts, and as one dotted key), beside plain scalars. Written byte by byte:
LevelDB-log chunks of W&B Record protobufs."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wandb_rec import HEADER, frame, ld, varint, vint  # noqa: E402


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


def environment():
    """EnvironmentRecord (Record field 26), as wandb-core writes it:
    os 1, python 2, started_at 3, args 5 (before program 6), git 9,
    host 12, cpu_count 16, gpu_type 18, gpu_count 19."""
    git = ld(1, b"https://example.org/repo.git") + ld(2, b"0123456789abcdef0123456789abcdef01234567")
    body = (ld(1, b"Linux-6.1-x86_64") + ld(2, b"CPython 3.12.1") + ld(3, vint(1, 1700000000))
            + ld(5, b"--lr") + ld(5, b"0.1") + ld(5, b"two words") + ld(6, b"train.py")
            + ld(9, git) + ld(12, b"node-7") + vint(16, 64) + ld(18, b"NVIDIA H100") + vint(19, 8))
    return ld(26, body)


def summary():
    """A summary whose table is logged a field an item, its nrows before
    its _type, beside a nested value holding an image and a number."""
    items = [
        item(["my_table", "nrows"], "12", True),
        item(["my_table", "_type"], '"table-file"', True),
        item("loss", "0.2"),
        item("note", '"done"'),
        item("best", '{"acc": 0.9, "img": {"_type": "image-file", "size": 3}}'),
        item("sample", '{"_type": "table-file", "nrows": 4}'),
    ]
    return ld(3, b"".join(items))


def main():
    out = bytearray(HEADER)
    for rec in [run(), environment()] + [history(step) for step in range(5)] + [summary()]:
        out += frame(len(out), rec)
    with open(sys.argv[1], "wb") as f:
        f.write(out)


main()
