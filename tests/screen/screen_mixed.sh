#!/bin/sh
# screen_mixed.sh: one screen over four kinds of run, live: a TensorBoard
# run, a W&B run (a real .wandb file from ../shared/realdata, written in two
# halves so the first ends mid-record), a Hugging Face trainer_state.json
# rewritten in place, and a Lightning metrics.csv that grows. All four are
# listed with their chart groups, and every append reaches the screen.
. "$TB_SRCDIR/tests/lib.sh"
[ -n "${TB_REALDATA:-}" ] || skip_all "realdata absent (the W&B run is a real file)"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
W="$TB_BUILDDIR/tests/tools/tbwrite"
WB=$(find "$TB_REALDATA/wandb" -name 'run-ufljc7ut.wandb' | head -n 1)
[ -f "$WB" ] || skip_all "the W&B run used here is not in realdata"

D=$(tb_tmpdir)
SOCK=tbmix$$
T="tmux -u -L $SOCK -f /dev/null"
trap '$T kill-server >/dev/null 2>&1; rm -rf "$D"' EXIT INT TERM

mkdir -p "$D/tb/run1" "$D/wandb/run-20240515_162319-ufljc7ut" "$D/hf/checkpoint-10" "$D/lightning_logs/version_0"
printf 'header\nscalar train/loss 1 2.5\nscalar train/loss 2 2.0\n' | "$W" "$D/tb/run1/events.out.tfevents.1"
size=$(stat -c %s "$WB")
head -c 60000 "$WB" >"$D/wandb/run-20240515_162319-ufljc7ut/run-ufljc7ut.wandb"
hf_state() { # hf_state N: a trainer_state.json with N logged steps
	i=1; sep=
	printf '{"best_metric": null, "global_step": %d, "log_history": [' "$1"
	while [ $i -le "$1" ]; do
		printf '%s{"epoch": %d.0, "loss": %d.5, "learning_rate": 5e-05, "step": %d}' "$sep" "$i" $((10 - i)) $((i * 10))
		sep=', '; i=$((i + 1))
	done
	printf '], "max_steps": 100}\n'
}
hf_state 3 >"$D/hf/checkpoint-10/trainer_state.json"
printf 'epoch,step,train_loss,val_acc\n0,0,1.5,\n0,1,1.25,\n0,1,,0.5\n' >"$D/lightning_logs/version_0/metrics.csv"

cap() { $T capture-pane -p -t m; }
wait_for() { # wait_for EXTENDED-REGEX: poll the pane up to 10 s
	i=0
	while [ $i -lt 100 ]; do
		cap | grep -qE -- "$1" && return 0
		sleep 0.1; i=$((i + 1))
	done
	diag "the pane never showed: $1"; cap | sed 's/^/# | /'
	return 1
}
$T new-session -d -s m -x 220 -y 60 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$TB_BIN' --logdir '$D'; sleep 30"

# the run list: name, then the point count (a live marker may follow)
check "tfevents run listed with its points" wait_for "tb/run1 +2( |$)"
# the W&B run shows its display name from the run record
check "W&B run listed by its display name (first half of its log)" wait_for "vae_training_run +[0-9]+"
# 3 logged steps x (epoch, loss, learning_rate)
check "HF output dir is one run" wait_for " hf +9( |$)"
# epoch x3, train_loss x2, val_acc x1; empty cells are no points
check "Lightning version dir is a run" wait_for "version_0 +6( |$)"
wb_before=$(cap | grep -oE '\] vae_training_run +[0-9]+' | grep -oE '[0-9]+$')
check "chart groups from every kind: train (TB, HF)" wait_for "▸? ?▾ train|▾ train"
$T send-keys -t m t
$T send-keys -t m 'val_acc|elbo' Enter
check "the CSV's tag has a chart" wait_for "val_acc  best"
check "the W&B run's tag has a chart" wait_for "train_elbo  best"

# live: one more point of each kind
printf 'scalar train/loss 3 1.5\n' | "$W" "$D/tb/run1/events.out.tfevents.1"
check "TensorBoard append reaches the screen" wait_for "tb/run1 +3( |$)"
tail -c +60001 "$WB" >>"$D/wandb/run-20240515_162319-ufljc7ut/run-ufljc7ut.wandb"
check "W&B log completed: more points" sh -c "
	i=0; while [ \$i -lt 100 ]; do
		n=\$($T capture-pane -p -t m | grep -oE '\] vae_training_run +[0-9]+' | grep -oE '[0-9]+\$')
		[ -n \"\$n\" ] && [ \"\$n\" -gt '$wb_before' ] && exit 0
		sleep 0.1; i=\$((i + 1))
	done; exit 1"
hf_state 5 >"$D/hf/checkpoint-10/trainer_state.json"
check "trainer_state.json rewritten in place: new points" wait_for " hf +15( |$)"
printf '0,2,1.0,\n' >>"$D/lightning_logs/version_0/metrics.csv"
check "CSV row appended reaches the screen" wait_for "version_0 +8( |$)"
# the run overlay: the selected (first) run is the HF one, with its facts
$T send-keys -t m i
check "i shows the selected run's format" wait_for "format +trainer_state"
check "i shows the run's facts from its source" wait_for "global_step +5"
$T send-keys -t m i
$T send-keys -t m q
done_testing
