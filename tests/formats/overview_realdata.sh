#!/bin/sh
# overview_realdata.sh: the run facts the overview (i) shows, on the W&B
# runs in ../shared/realdata, checked against their files read
# independently with Python's json: the environment from
# wandb-metadata.json (host, python, GPU, CPU count, git remote and
# commit), the summary from wandb-summary.json (every number, media and
# tables left out), newer runs' EnvironmentRecord in the .wandb log, and
# the display names from the log's run record.
. "$TB_SRCDIR/tests/lib.sh"
[ -n "$TB_REALDATA" ] || skip_all "realdata absent"
[ -d "$TB_REALDATA/wandb" ] || skip_all "realdata has no wandb/"
command -v python3 >/dev/null 2>&1 || skip_all "python3 absent"
tmp=$(tb_tmpdir)
trap 'rm -rf "$tmp"' EXIT INT TERM
W=$TB_REALDATA/wandb

# info NAME LOGDIR: every run's facts -> $tmp/NAME.info
info() {
	printf 'info\nquit\n' | "$TB_BUILDDIR/tests/tools/watchdrv" "$2" | grep -v '^#done' >"$tmp/$1.info"
}

# same NAME LOGDIR: the facts agree with the run's JSON files
same() {
	info "$1" "$2"
	if python3 - "$2" "$tmp/$1.info" >"$tmp/$1.cmp" 2>&1 <<'PY'
import json, os, sys
root, got_path = sys.argv[1], sys.argv[2]
got = {}
for line in open(got_path, encoding="utf-8"):
    run, key, val = line.rstrip("\n").split("\t", 2)
    got[(run, key)] = val
checked = bad = 0
def expect(run, key, want, number=False):
    global checked, bad
    checked += 1
    have = got.get((run, key))
    ok = have is not None and (float(have) == float(want) if number else have == str(want))
    if not ok:
        bad += 1
        print("%s %s: want %r, got %r" % (run, key, want, have))
for dirpath, dirs, files in os.walk(root):
    if "wandb-metadata.json" not in files:
        continue
    rundir = dirpath[:-6] if dirpath.endswith("/files") else dirpath
    run = os.path.relpath(rundir, root)
    meta = json.load(open(os.path.join(dirpath, "wandb-metadata.json")))
    for src, key in (("host", "env/host"), ("python", "env/python"), ("gpu", "env/gpu"),
                     ("gpu_count", "env/gpu count"), ("cpu_count", "env/cpu count")):
        if meta.get(src) not in (None, ""):
            expect(run, key, meta[src], src.endswith("count"))
    git = meta.get("git") or {}
    for src in ("remote", "commit"):
        if git.get(src):
            expect(run, "env/git " + src, git[src])
    summ = os.path.join(dirpath, "wandb-summary.json")
    if os.path.exists(summ):
        for k, v in json.load(open(summ)).items():
            if k.startswith("_"):
                continue
            if isinstance(v, dict) and "_type" in v:
                checked += 1
                if any(gk[0] == run and gk[1].startswith("summary/" + k) for gk in got):
                    bad += 1
                    print("%s: media %s became a fact" % (run, k))
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                expect(run, "summary/" + k, v, True)
print("checked", checked)
sys.exit(1 if bad or not checked else 0)
PY
	then
		ok "$1: $(tail -n 1 "$tmp/$1.cmp") facts as the JSON files say"
	else
		not_ok "$1: facts differ from the JSON files"
		sed 's/^/# /' "$tmp/$1.cmp" | tail -n 20
	fi
}

# has NAME RUN KEY VALUE: a literal value copied from the files
has() {
	if grep -qxF "$(printf '%s\t%s\t%s' "$2" "$3" "$4")" "$tmp/$1.info"; then
		ok "$1: $2: $3 = $4"
	else
		not_ok "$1: $2: $3 = $4"
		grep -F "$(printf '%s\t' "$2")" "$tmp/$1.info" | sed 's/^/# got: /' | head -20
	fi
}

KWT=$W/ARM-software__keyword-transformer
if [ -d "$KWT" ]; then
	same kwt "$KWT"
	r=wandb/run-20220429_201847-2zuxwf70
	has kwt $r env/host ip-172-31-3-98
	has kwt $r env/python 3.6.9
	has kwt $r "env/git commit" aadc900f2ef27603512450dba218d24bc8a76fb0
	has kwt $r env/gpu "Tesla T4"
	has kwt $r label "First try"
	has kwt wandb/run-20220429_201936-3ojed7lz summary/Training/loss 1.4769244194030762
	grep -F "$r	env/command	" "$tmp/kwt.info" | grep -qF -- "-m kws_streaming.train.model_train_eval --data_url '' --data_dir" &&
		ok "kwt: the command: program, then its arguments, an empty one quoted" ||
		not_ok "kwt: the command: program, then its arguments, an empty one quoted"
else
	skip "ARM-software__keyword-transformer not in realdata"
fi

LITE="$W/Aaidt__Lite-GPT@ae76da9d"
if [ -d "$LITE" ]; then
	same lite "$LITE"
	# from the .wandb's EnvironmentRecord and run record too (the same values)
	r=wandb/run-20260619_130946-2paojac3
	has lite $r env/python "CPython 3.11.13"
	has lite $r "env/git remote" "git@github.com:Aaidt/Lite-GPT.git"
	has lite $r env/command /home/aadit/Documents/coding/Lite-GPT/test.py
	has lite $r summary/acc 0.7689556026426991
else
	skip "Aaidt__Lite-GPT not in realdata"
fi

AGK="$W/AGKhalil__RL_implements@ff402603"
if [ -d "$AGK" ]; then
	same legacy "$AGK"   # wandb-history.jsonl runs: the files beside it, no files/
	has legacy wandb/run-20200329_180503-277q05ji env/docker \
		"agkhalil/tw@sha256:219810d11ab17974f4d61eae38108f2b460c36f1a5d01a57f96743215f4c753f"
	has legacy wandb/run-20200329_180503-277q05ji "env/gpu count" 2
else
	skip "AGKhalil__RL_implements not in realdata"
fi

for d in "$W"/3lLobo__HPC "$W"/A-Ijishakin__beta-tcvae; do
	[ -d "$d" ] && same "$(basename "$d")" "$d"
done
done_testing
