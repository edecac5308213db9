#!/bin/sh
# tailboard runs: the runs table without a screen, on Lightning runs
# written here (metrics.csv and hparams.yaml) and on the TensorBoard
# hparams tutorial in ../shared/realdata.
. "$TB_SRCDIR/tests/lib.sh"
tmp=$(tb_tmpdir); trap 'rm -rf "$tmp"' EXIT
L="$tmp/ld/lightning_logs"
i=0
for lr in 0.001 0.0003 0.01; do
	mkdir -p "$L/version_$i"
	printf 'lr: %s\nseed: 7\nname: "a\\x1b[31mred"\nlayers: %s\n' "$lr" $((i + 2)) >"$L/version_$i/hparams.yaml"
	{
		echo "epoch,step,train_loss,val_acc"
		for s in 1 2 3; do echo "0,$s,$(awk "BEGIN { print 1 / ($s + $i) }"),$(awk "BEGIN { print 0.5 + $s * 0.1 - $i * 0.05 }")"; done
	} >"$L/version_$i/metrics.csv"
	i=$((i + 1))
done
"$TB_BIN" runs --logdir "$tmp/ld" >"$tmp/out" 2>"$tmp/err"
check "runs exits 0" test $? -eq 0
check "header: run, state, last_write, the keys that differ, points" \
	grep -qx 'run	state	last_write	layers	lr	points' "$tmp/out"
check "one line a run, as many fields as the header" \
	awk -F'\t' 'NR == 1 { n = NF } NF != n { bad = 1 } END { exit bad || NR != 4 }' "$tmp/out"
check "numbers in their shortest form" grep -q '	0.0003	' "$tmp/out"
"$TB_BIN" runs --logdir "$tmp/ld" --tag val_acc --sort=-val_acc:best >"$tmp/sorted"
check "--tag adds last, best and best step; --sort=-COL descends" sh -c \
	"head -1 '$tmp/sorted' | grep -q 'val_acc:last	val_acc:best	val_acc:best_step	points' &&
	 sed -n 2p '$tmp/sorted' | grep -q 'version_0	' && sed -n 4p '$tmp/sorted' | grep -q 'version_2	'"
"$TB_BIN" runs --logdir "$tmp/ld" --sort lr >"$tmp/bylr"
check "--sort by a hyperparameter sorts numbers as numbers" sh -c \
	"cut -f5 '$tmp/bylr' | sed 1d | tr '\n' ' ' | grep -qx '0.0003 0.001 0.01 '"
"$TB_BIN" runs --logdir "$tmp/ld" --filter 'lr>=0.001' >"$tmp/filt"
check "--filter keeps the runs it matches" test "$(sed 1d "$tmp/filt" | wc -l)" -eq 2
"$TB_BIN" runs --logdir "$tmp/ld" --sort nosuch >/dev/null 2>"$tmp/err"
check "--sort by a column that is not there: exit 2, the columns named" sh -c \
	"test $? -eq 2 && grep -q \"no column 'nosuch'; the columns are: run, state\" '$tmp/err'"
"$TB_BIN" summary --logdir "$tmp/ld" --sort lr >/dev/null 2>&1
check "--sort with another command: exit 2" test $? -eq 2
if command -v script >/dev/null 2>&1; then
	script -qec "'$TB_BIN' runs --logdir '$tmp/ld'" /dev/null | tr -d '\r' >"$tmp/tty"
	check "on a terminal: the shared hyperparameters on one line first" \
		grep -q '^# same in every run: .*seed=7' "$tmp/tty"
	check "on a terminal: no escape byte from a value reaches it" sh -c "! grep -q \"\$(printf '\\033')\" '$tmp/tty'"
	check "on a terminal: aligned, no tabs" sh -c "! grep -q '	' '$tmp/tty'"
else
	skip "script(1) not installed: runs on a terminal not tried"
	skip "script(1) not installed"
	skip "script(1) not installed"
fi
D="${TB_REALDATA:-}/tfevents/TheCodeheadMT__TensorBoard-Tutorial"
if [ -n "${TB_REALDATA:-}" ] && [ -d "$D" ]; then
	"$TB_BIN" runs --logdir "$D" --run hparam_tuning >"$tmp/hp" 2>/dev/null
	check "real hparams sweep: dropout, optimizer and units are columns" \
		grep -q '^run	state	last_write	dropout	optimizer	units	points$' "$tmp/hp"
	check "real hparams sweep: a run's values" grep -q '^archive/hparam_tuning/Experiment 0_adam_200_0.2	.*	0.2	adam	200	' "$tmp/hp"
else
	skip "../shared/realdata not found: the real hparams sweep not tried"
	skip "../shared/realdata not found"
fi
A="${TB_REALDATA:-}/tfevents/AguLeon__LoRA_RoBERTa_AGNews"
if [ -n "${TB_REALDATA:-}" ] && [ -d "$A" ]; then
	"$TB_BIN" runs --logdir "$A" --tag eval/accuracy --sort=-eval/accuracy:best >"$tmp/ag" 2>/dev/null
	check "Trainer sweep: the arguments that differ are columns (learning_rate, batch size, epochs among them)" sh -c \
		"head -1 '$tmp/ag' | grep -q '	learning_rate	' && head -1 '$tmp/ag' | grep -q '	per_device_train_batch_size	' &&
		 head -1 '$tmp/ag' | grep -q '	num_train_epochs	' && ! head -1 '$tmp/ag' | grep -q '	seed	'"
	check "Trainer sweep: the best run first, its arguments" \
		grep -q '^runs/run4	idle	[^	]*	true	5e-05	single_label_classification	3	adamw_torch	32	0.91358024	0.91358024	800	126$' "$tmp/ag"
	if command -v script >/dev/null 2>&1; then
		script -qec "'$TB_BIN' runs --logdir '$A'" /dev/null | tr -d '\r' >"$tmp/agtty"
		check "Trainer sweep on a terminal: the arguments every run shares fold into one line" \
			sh -c "head -1 '$tmp/agtty' | grep -q '^# same in every run: .*seed=42'"
	else
		skip "script(1) not installed"
	fi
else
	skip "../shared/realdata not found: the Trainer sweep not tried"
	skip "../shared/realdata not found"
	skip "../shared/realdata not found"
fi
done_testing
