#!/bin/sh
# Hyperparameters that arrive while a logdir is watched: PyTorch's
# add_hparams makes a time-named child directory of a run that is already
# being read; its hparams and metric values join that run, never a run of
# their own, however the directory and its file appear (the file is
# created empty, then written).
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/live/live_lib.sh"
W="$TB_BUILDDIR/tests/tools/tbwrite"

L="$T/logs"
mkdir -p "$L/exp1"
"$APPEND" -H "$L/exp1/events.out.tfevents.1.host" loss 1 1 loss 2 2
drv_start "$L"
wait_for "the run is loaded" runs "$(printf 'exp1\t2\tlive')"

C="$L/exp1/1700000000.1234567"
mkdir "$C"
: >"$C/events.out.tfevents.2.host"
sleep 0.2
printf 'header\nhparams lr=0.001 optimizer=adam\nscalar hparam/accuracy 0 0.875\n' | "$W" "$C/events.out.tfevents.2.host"
wait_for "add_hparams' child: its hparams are the parent run's" hparams \
	"$(printf 'exp1\tlr\t0.001\nexp1\toptimizer\tadam')"
wait_for "its metric value too, and no run of its own" runs "$(printf 'exp1\t3\tlive')"
want=$(rows exp1 hparam/accuracy 0 0.875; rows exp1 loss 1 1 2 2)
wait_for "the parent's points unchanged" dump "$want"
drv_stop
check "nothing reported" test ! -s "$T/err"

# W&B rewrites wandb-summary.json beside a log that may not grow (a
# finished run, a summary set by hand): the run's facts follow the file
wb=${TB_REALDATA:-}/wandb/ARM-software__keyword-transformer/wandb/run-20220429_201847-2zuxwf70
if [ -d "$wb" ] && command -v python3 >/dev/null 2>&1; then
	mkdir -p "$T/wb"
	cp -r "$wb" "$T/wb/run"
	chmod -R u+w "$T/wb"
	drv_start "$T/wb"
	wait_until "a W&B run loaded" info 'echo "$got" | grep -q "env/host"'
	S=$T/wb/run/files/wandb-summary.json
	python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d["late_metric"] = 0.125
open(sys.argv[1] + ".tmp", "w").write(json.dumps(d))' "$S"
	mv "$S.tmp" "$S"
	WAIT_FILTER="grep late_metric" wait_for "wandb-summary.json rewritten, the log unchanged: the summary follows" \
		info "$(printf 'run\tsummary/late_metric\t0.125')"
	drv_stop
else
	skip "W&B summary rewritten: no realdata ($wb) or no python3"
fi
done_testing
