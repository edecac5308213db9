#!/bin/sh
# wandb_events.sh: a legacy W&B run (wandb < 0.10) keeps the machine's
# stats in wandb-events.jsonl, a line a sample; they are read as the
# .wandb log's stats records are, under system/ (system.gpu.0.temp is
# system/gpu.0.temp), a point a line at its _timestamp, beside the run's
# history; a run dir whose .wandb log holds it all leaves the file alone.
. "$TB_SRCDIR/tests/lib.sh"
[ -n "$TB_REALDATA" ] || skip_all "../shared/realdata is absent"
command -v python3 >/dev/null || skip_all "python3 is needed to read the JSON lines"
L="$TB_REALDATA/wandb/AGKhalil__RL_implements@ff402603"
[ -d "$L" ] || skip_all "the legacy W&B runs used here are not in realdata"
tmp=$(tb_tmpdir); trap 'rm -rf "$tmp"' EXIT
"$TB_BIN" export --logdir "$L" >"$tmp/out.csv" 2>"$tmp/err"
check "export exits 0, no errors" sh -c "test $? -eq 0 && ! test -s '$tmp/err'"
# what the files say: run,tag,wall,value for every system. key of every line
python3 - "$L" >"$tmp/want" <<'PY'
import json, os, sys
top = sys.argv[1]
for d in sorted(os.listdir(os.path.join(top, 'wandb'))):
    p = os.path.join(top, 'wandb', d, 'wandb-events.jsonl')
    if not os.path.exists(p):
        continue
    for line in open(p):
        o = json.loads(line)
        for k, v in o.items():
            if k.startswith('system.') and isinstance(v, (int, float)):
                print('wandb/%s,system/%s,%r,%r' % (d, k[7:], float(o['_timestamp']), float(v)))
PY
python3 - "$tmp/out.csv" >"$tmp/got" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    if r['tag'].startswith('system/'):
        print('%s,%s,%r,%r' % (r['run'], r['tag'], float(r['wall_time']), float(r['value'])))
PY
sort "$tmp/want" >"$tmp/want.s"; sort "$tmp/got" >"$tmp/got.s"
check "every stats sample of wandb-events.jsonl, under system/ ($(wc -l <"$tmp/want.s") points)" \
	sh -c "test -s '$tmp/want.s' && cmp -s '$tmp/want.s' '$tmp/got.s'"
[ -s "$tmp/want.s" ] && ! cmp -s "$tmp/want.s" "$tmp/got.s" && diff "$tmp/want.s" "$tmp/got.s" | head -5 | sed 's/^/# /'
check "a GPU's metric named as the .wandb log names it" grep -q ',system/gpu\.1\.temp,' "$tmp/out.csv"
check "the history is all there too" grep -q ',Episode reward,' "$tmp/out.csv"
"$TB_BIN" export --source wandb-history --logdir "$L" >"$tmp/hist.csv" 2>/dev/null
check "--source wandb-history keeps a legacy run whole" cmp -s "$tmp/out.csv" "$tmp/hist.csv"
# a newer run dir: its .wandb log has the stats, the jsonl beside it is not read
R="$tmp/ld/wandb/run-20240101_000000-abc"
mkdir -p "$R/files"
printf '{"system.cpu": 12.5, "_timestamp": 1700000000.0, "_runtime": 1}\n' >"$R/files/wandb-events.jsonl"
: >"$R/run-abc.wandb"
"$TB_BIN" export --logdir "$tmp/ld" >"$tmp/new.csv" 2>/dev/null
check "beside a .wandb log, wandb-events.jsonl is not read" sh -c "! grep -q system/cpu '$tmp/new.csv'"
done_testing
