#!/bin/sh
# formats_realdata.sh: `tailboard export` on the real W&B, Hugging Face,
# Lightning and Keras files in ../shared/realdata, checked against values
# read independently: .wandb through tests/tools/wandb_dump.py (a decoder
# written from W&B's published schema), JSON and CSV through Python's own
# json and csv modules, plus literal values copied from the files.
. "$TB_SRCDIR/tests/lib.sh"
[ -n "$TB_REALDATA" ] || skip_all "realdata absent"
command -v python3 >/dev/null 2>&1 || skip_all "python3 absent"
tmp=$(tb_tmpdir)
trap 'rm -rf "$tmp"' EXIT
tools="$TB_SRCDIR/tests/tools"

export_kind() { # kind -> $tmp/kind.csv, stderr in $tmp/kind.err
	"$TB_BIN" export --logdir "$TB_REALDATA/$1" >"$tmp/$1.csv" 2>"$tmp/$1.err"
}

# cmp_run KIND RUN EXPECTED-FILE DESCRIPTION
cmp_run() {
	if python3 "$tools/cmp_points.py" "$3" "$tmp/$1.csv" "$2" >"$tmp/cmp.out" 2>&1; then
		ok "$4"
	else
		not_ok "$4"
		sed 's/^/# /' "$tmp/cmp.out" | head -20
	fi
}

# has KIND RUN TAG STEP VALUE: a literal point copied from the source file
has() {
	python3 - "$tmp/$1.csv" "$2" "$3" "$4" "$5" <<'PY'
import csv, struct, sys
path, run, tag, step, value = sys.argv[1:]
want = float(value)
f32 = lambda x: struct.unpack("<f", struct.pack("<f", x))[0]
for r in csv.reader(open(path, newline="")):
    if r[:3] != [run, tag, step]:
        continue
    got = float(r[4])
    # export prints exact float32 values in float32's shortest form
    if abs(got - want) <= 1e-12 * max(1, abs(want)) or (f32(want) == want and f32(got) == want):
        sys.exit(0)
sys.exit(1)
PY
}

# ---- W&B ------------------------------------------------------------------
export_kind wandb
check "wandb: export reports no errors" test ! -s "$tmp/wandb.err"
n=0
for f in $(cd "$TB_REALDATA/wandb" && find . -name '*.wandb' | sed 's|^\./||' | sort); do
	run=${f%/*}
	python3 "$tools/wandb_dump.py" "$TB_REALDATA/wandb/$f" >"$tmp/exp.csv"
	cmp_run wandb "$run" "$tmp/exp.csv" "wandb: $run ($(wc -l <"$tmp/exp.csv") points)"
	n=$((n + 1))
done
check "wandb: 16 .wandb files checked" test "$n" -eq 16
for f in $(cd "$TB_REALDATA/wandb" && find . -name 'wandb-history.jsonl' | sed 's|^\./||' | sort); do
	run=${f%/*}
	python3 - "$TB_REALDATA/wandb/$f" >"$tmp/exp.csv" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    if not line.strip():
        continue
    d = json.loads(line)
    for k, v in d.items():
        if k.startswith("_") or isinstance(v, bool) or not isinstance(v, (int, float)):
            continue
        print("%s,%d,%r,%r" % (k, d["_step"], d.get("_timestamp", 0.0), float(v)))
# the machine's stats beside it: system.KEY as system/KEY, a point a line at its number
import os
ev = os.path.join(os.path.dirname(sys.argv[1]), "wandb-events.jsonl")
for n, line in enumerate(open(ev) if os.path.exists(ev) else [], 1):
    d = json.loads(line)
    for k, v in d.items():
        if k.startswith("system.") and isinstance(v, (int, float)) and not isinstance(v, bool):
            print("system/%s,%d,%r,%r" % (k[7:], n, float(d["_timestamp"]), float(v)))
PY
	cmp_run wandb "$run" "$tmp/exp.csv" "wandb-history: $run ($(wc -l <"$tmp/exp.csv") points)"
done
check "wandb literal: Lite-GPT loss at step 0" has wandb "Aaidt__Lite-GPT@ae76da9d/wandb/run-20260619_130946-2paojac3" loss 0 0.8812059319828198
check "wandb literal: KWT Training/loss at step 1" has wandb "ARM-software__keyword-transformer/wandb/run-20220429_201936-3ojed7lz" Training/loss 1 2.5225067138671875
check "wandb literal: system/network/sent" has wandb "3lLobo__HPC/wandb/run-20210205_163937-1u9ccxyn" system/network/sent 0 33653
check "wandb-history literal: Episode reward at step 0" has wandb "AGKhalil__RL_implements@ff402603/wandb/run-20200329_180503-277q05ji" "Episode reward" 0 70.56704483639089

# ---- Hugging Face -------------------------------------------------------------
export_kind trainer_state
check "trainer_state: export reports no errors" test ! -s "$tmp/trainer_state.err"
# run | the file that is its newest state
while IFS='|' read -r run file; do
	python3 - "$TB_REALDATA/trainer_state/$file" >"$tmp/exp.csv" <<'PY'
import json, sys
for e in json.load(open(sys.argv[1]))["log_history"]:
    for k, v in e.items():
        if k == "step" or isinstance(v, bool) or not isinstance(v, (int, float)):
            continue
        tag = "eval/" + k[5:] if k.startswith("eval_") else "test/" + k[5:] if k.startswith("test_") else "train/" + k
        print("%s,%d,0,%r" % (tag, e["step"], float(v)))
PY
	cmp_run trainer_state "$run" "$tmp/exp.csv" "trainer_state: $run ($(wc -l <"$tmp/exp.csv") points)"
done <<'EOF_RUNS'
Merlinmy__Whisper_small_hi|Merlinmy__Whisper_small_hi/trainer_state.json
aigoncharov__trainer_state_viz|aigoncharov__trainer_state_viz/trainer_state.json
teohyc__finetune_med_llm/outputs|teohyc__finetune_med_llm/outputs/checkpoint-200/trainer_state.json
10844110__t5-summarization-demo|10844110__t5-summarization-demo/trainer_state.json
AguLeon__LoRA_RoBERTa_AGNews/results|AguLeon__LoRA_RoBERTa_AGNews/results/checkpoint-1200/trainer_state.json
P4P4N1CK__whisper-large-v2-japanese-5k-steps|P4P4N1CK__whisper-large-v2-japanese-5k-steps/trainer_state.json
anthonyrathe__fixed-whisperv2-flemish|anthonyrathe__fixed-whisperv2-flemish/trainer_state.json
mkcomer237__llm_fine_tuning@f5c9bb82/outputs|mkcomer237__llm_fine_tuning@f5c9bb82/outputs/checkpoint-100/trainer_state.json
EOF_RUNS
runs=$(cut -d, -f1 "$tmp/trainer_state.csv" | sort -u | grep -vc '^run$')
check "trainer_state: one run per output dir (8), older checkpoints not read" test "$runs" -eq 8
check "trainer_state literal: Whisper train/loss at step 25" has trainer_state Merlinmy__Whisper_small_hi train/loss 25 0.8917
check "trainer_state literal: AGNews eval/accuracy at step 1200" has trainer_state AguLeon__LoRA_RoBERTa_AGNews/results eval/accuracy 1200 0.9135802469135802

# ---- CSV: Lightning and Keras ------------------------------------------------------
for kind in lightning keras_csv; do
	"$TB_BIN" export --logdir "$TB_REALDATA/$kind" --source csv >"$tmp/$kind.csv" 2>"$tmp/$kind.err"
	check "$kind: export reports no errors" test ! -s "$tmp/$kind.err"
	python3 - "$TB_REALDATA/$kind" "$tmp/exp" >"$tmp/runs.txt" <<'PY'
import csv, os, sys
root, out = sys.argv[1:]
rank = ["step", "_step", "global_step", "iteration", "iter", "epoch"]
def metric_csv(p):
    try:
        h = next(csv.reader(open(p, newline="")), [])
    except (OSError, UnicodeDecodeError):
        return None
    need = ["epoch"] if p.endswith(".log") else rank
    return h if any(c.strip() in need for c in h) else None
n = 0
for d, _, files in sorted(os.walk(root)):
    cands = sorted(f for f in files if (f.endswith(".csv") or f.endswith(".log")) and metric_csv(os.path.join(d, f)))
    tfe = any("tfevents" in f for f in files)
    for f in cands:
        rel = os.path.relpath(d, root)
        run = rel + "/" + f if (tfe or len(cands) > 1) else rel
        rows = list(csv.reader(open(os.path.join(d, f), newline="")))
        h = [c.strip() for c in rows[0]]
        steps = [(rank.index(c), i) for i, c in enumerate(h) if c in rank]
        sc = min(steps)[1] if steps else -1
        wc = [i for i, c in enumerate(h) if c in ("_timestamp", "timestamp", "wall_time", "walltime", "time", "created_at")]
        wc = wc[0] if wc else -1
        n += 1
        with open("%s%d.csv" % (out, n), "w") as fp:
            step = 0
            for r in rows[1:]:
                if len(r) != len(h):
                    continue
                try:
                    step = int(float(r[sc]))
                except ValueError:
                    pass
                for i, c in enumerate(r):
                    if i in (sc, wc):
                        continue
                    try:
                        fp.write("%s,%d,%s,%r\n" % (h[i], step, "0" if wc < 0 or h[wc] == "created_at" else r[wc], float(c)))
                    except ValueError:
                        pass
        print("%s|%s%d.csv" % (run, out, n))
PY
	while IFS='|' read -r run exp; do
		# test-tube's created_at dates become wall times: compare values only there
		if grep -q created_at "$TB_REALDATA/$kind/${run%/metrics.csv}/metrics.csv" 2>/dev/null; then
			awk -F, -v r="$run" 'BEGIN{OFS=","} $1==r {$4=0} {print}' "$tmp/$kind.csv" >"$tmp/$kind.nowall.csv"
			cp "$tmp/$kind.nowall.csv" "$tmp/$kind.csv"
		fi
		cmp_run "$kind" "$run" "$exp" "$kind: $run ($(wc -l <"$exp") points)"
	done <"$tmp/runs.txt"
done
check "lightning literal: CAMELS version_113 train_loss at step 49" has lightning CooperBigFoot__CAMELS-CH/lightning_logs/version_113 train_loss 49 4.572803020477295
check "lightning literal: run beside TensorBoard files is dir/metrics.csv" has lightning CooperBigFoot__CAMELS-CH/lightning_logs/version_56/metrics.csv train_loss 49 0.44522687792778015
check "keras literal: Emotion-Detection val_loss at epoch 1" has keras_csv Aditya24jar__Emotion-Detection-Resnet50 val_loss 1 7.41715145111084
check "keras literal: several logs in one dir are one run each" has keras_csv AhmedImtiazPrio__irfanet-10/training.log val_loss 0 0.464145494528
done_testing
