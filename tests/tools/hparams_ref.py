#!/usr/bin/env python3
"""hparams_ref.py: what tailboard should hold as hyperparameters, read
independently with Python's own json and PyYAML, for tailboard's tests.

  hparams_ref.py yaml LOGDIR     every Lightning run (metrics.csv with an
                                 hparams.yaml beside it, no meta_tags.csv)
  hparams_ref.py wandb LOGDIR    every legacy W&B run (wandb-history.jsonl
                                 with config.yaml beside it)
  hparams_ref.py hf LOGDIR       every run whose event files hold the
                                 Hugging Face Trainer's args and model_config
                                 text summaries (the model's under "model.")

print "run<TAB>key<TAB>value" lines: nested keys joined with '.', values as
JSON (strings as they are), for cmp_hparams to compare with what
`watchdrv` prints, numbers by value.
"""
import json
import os
import struct
import sys

MAX_MEMBERS = 128
MAX_DEPTH = 8


def flatten(prefix, v, depth, out, wandb=False):
    if wandb and depth == 1 and isinstance(v, dict) and "value" in v and set(v) <= {"value", "desc"}:
        v = v["value"]
    if isinstance(v, dict) and v and depth < MAX_DEPTH and (depth == 0 or len(v) <= MAX_MEMBERS):
        for k, c in v.items():
            k = str(k)
            if not k or (wandb and depth == 0 and (k.startswith("_") or k == "wandb_version")):
                continue
            flatten(prefix + "." + k if prefix else k, c, depth + 1, out, wandb)
    elif prefix:
        out.append((prefix, v))


def load_yaml(path):
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def any_tag(loader, suffix, node):
        # !!python/object... : the mapping or list under the tag, as is
        if isinstance(node, yaml.MappingNode):
            return loader.construct_mapping(node, deep=True)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node, deep=True)
        return loader.construct_scalar(node)

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", any_tag)
    Loader.add_multi_constructor("!", any_tag)
    with open(path) as f:
        return yaml.load(f, Loader=Loader)


def show(v):
    if isinstance(v, str):
        return v
    return json.dumps(v, separators=(",", ":"), default=str)


def emit(run, pairs):
    for k, v in pairs:
        print("%s\t%s\t%s" % (run, k, show(v)))


def runs(top, data_name, conf_name, wandb):
    for d, _, files in sorted(os.walk(top)):
        if data_name not in files or conf_name not in files:
            continue
        if "meta_tags.csv" in files:
            continue
        doc = load_yaml(os.path.join(d, conf_name))
        if not isinstance(doc, dict):
            continue
        out = []
        flatten("", doc, 0, out, wandb)
        run = os.path.relpath(d, top)
        # beside event files a metrics CSV is a run of its own: dir/file
        if any("tfevents" in f for f in files):
            run += "/" + data_name
        emit(run, out)


def varint(b, i):
    v = shift = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << shift
        if c < 0x80:
            return v, i
        shift += 7


def fields(b):
    i = 0
    while i < len(b):
        k, i = varint(b, i)
        num, wire = k >> 3, k & 7
        if wire == 0:
            v, i = varint(b, i)
        elif wire == 1:
            v, i = b[i:i + 8], i + 8
        elif wire == 5:
            v, i = b[i:i + 4], i + 4
        elif wire == 2:
            n, i = varint(b, i)
            v, i = b[i:i + n], i + n
        else:
            return
        yield num, v


def text_summaries(path):
    """(tag, text) of every string tensor in an event file."""
    data = open(path, "rb").read()
    pos = 0
    while pos + 12 <= len(data):
        n = struct.unpack_from("<Q", data, pos)[0]
        event = data[pos + 12:pos + 12 + n]
        pos += n + 16
        for num, summary in fields(event):
            if num != 5:
                continue
            for vnum, value in fields(summary):
                if vnum != 1:
                    continue
                parts = dict(fields(value))
                tensor = dict(fields(parts.get(8, b"")))
                if 1 in parts and tensor.get(1) == 7 and 8 in tensor:
                    yield parts[1].decode(errors="replace"), tensor[8].decode(errors="replace")


def hf_runs(top):
    prefixes = {"args/text_summary": "", "model_config/text_summary": "model"}
    for d, _, files in sorted(os.walk(top)):
        out = []
        for f in sorted(files):
            if "tfevents" not in f:
                continue
            for tag, text in text_summaries(os.path.join(d, f)):
                if tag in prefixes and text.lstrip().startswith("{"):
                    flatten(prefixes[tag], json.loads(text), 0, out)
        emit(os.path.relpath(d, top), out)


def main():
    if sys.argv[1] == "yaml":
        runs(sys.argv[2], "metrics.csv", "hparams.yaml", False)
    elif sys.argv[1] == "wandb":
        runs(sys.argv[2], "wandb-history.jsonl", "config.yaml", True)
    elif sys.argv[1] == "hf":
        hf_runs(sys.argv[2])


main()
