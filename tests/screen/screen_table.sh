#!/bin/sh
# screen_table.sh: the runs table (R) in tmux on a real TF2 hparams sweep
# (TensorBoard's hparams tutorial): the hyperparameters that differ as
# columns, sorting by one, hiding a run, and back to the charts; both tiers.
# Then a Hugging Face Trainer sweep, whose hyperparameters are the JSON of
# its args text summaries: the arguments that differ are columns, the rest
# fold into one line, and the run info (i) lists them; and W&B runs' config.
. "$TB_SRCDIR/tests/lib.sh"

[ -n "${TB_REALDATA:-}" ] || skip_all "realdata absent"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
D="$TB_REALDATA/tfevents/TheCodeheadMT__TensorBoard-Tutorial"
[ -d "$D" ] || skip_all "the hparams tutorial logdir is not in realdata"

SOCK=tbt$$
T="tmux -u -L $SOCK -f /dev/null"
TM=$T
trap '$T kill-server >/dev/null 2>&1' EXIT INT TERM
for tier in u8 vt; do
	if [ $tier = u8 ]; then lang=C.UTF-8 term=xterm-256color; else lang=C term=vt100; fi
	$T new-session -d -s $tier -x 140 -y 30 \
		"env LANG=$lang LC_ALL=$lang TERM=$term '$TB_BIN' --logdir '$D'; echo TB-EXIT-\$?; sleep 30"
	wait_pane $tier "pts" >/dev/null
	$T send-keys -t $tier R
	check "$tier: R opens the runs table" wait_pane $tier "Runs table: " 50
	check "$tier: the hyperparameters that differ are its columns" \
		sh -c "$T capture-pane -p -t $tier | grep -E 'dropout +optimizer +units' >/dev/null"
	# the optimizer column: three columns right of the name
	$T send-keys -t $tier l l l S
	check "$tier: S sorts by the highlighted column" wait_pane $tier "by optimizer" 30
	first=$(cap $tier | grep -m1 -E '\[x\] ' | grep -oE 'adam|rmsprop|sgd' | tail -1)
	check "$tier: sorted rows start with adam ($first)" test "$first" = adam
	$T send-keys -t $tier g Space
	check "$tier: Space hides the selected run" wait_pane $tier "[ ] " 30
	$T send-keys -t $tier F 'has:accuracy' Enter
	check "$tier: F: what the three hparams runs share folds into one line" \
		wait_pane $tier "same in every run: dropout=0.2  units=200" 30
	$T send-keys -t $tier R
	check "$tier: R again: the charts" wait_pane $tier "Runs (" 30
	$T send-keys -t $tier q
	check "$tier: q exits 0" wait_pane $tier "TB-EXIT-0" 50
	$T kill-session -t $tier
done

H="$TB_REALDATA/tfevents/AguLeon__LoRA_RoBERTa_AGNews"
if [ -d "$H" ]; then
	$T new-session -d -s hf -x 200 -y 40 \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$TB_BIN' --logdir '$H'; echo TB-EXIT-\$?; sleep 30"
	wait_pane hf "pts" >/dev/null
	$T send-keys -t hf R
	check "hf: R opens the runs table of the five runs" wait_pane hf "Runs table: 5 runs" 50
	check "hf: the Trainer's arguments that differ are columns" \
		sh -c "$T capture-pane -p -t hf | grep -E 'learning_rate +model.problem_type +num_train_epochs +optim +per_devic' >/dev/null"
	check "hf: run4's row: 5e-05, 3 epochs, adamw_torch, batch 32" \
		sh -c "$T capture-pane -p -t hf | grep -E 'run4 .* 5e-05 .* 3 +adamw_torch +32 ' >/dev/null"
	check "hf: the arguments every run shares fold into one line" \
		sh -c "$T capture-pane -p -t hf | grep -F 'same in every run: accelerator_config.' >/dev/null"
	$T send-keys -t hf R i
	check "hf: i lists the run's arguments" sh -c "sleep 0.5; $T capture-pane -p -t hf | grep -qE 'per_device_train_batch_size +16'"
	$T send-keys -t hf q q
	check "hf: q exits 0" wait_pane hf "TB-EXIT-0" 50
	$T kill-session -t hf
else
	skip "the Hugging Face sweep AguLeon__LoRA_RoBERTa_AGNews is not in realdata"
fi

# W&B: the runs' config, here the same in both runs
W="$TB_REALDATA/wandb/Aaidt__Lite-GPT@ae76da9d/wandb"
if [ -d "$W" ]; then
	$T new-session -d -s wb -x 160 -y 30 \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$TB_BIN' --logdir '$W'; echo TB-EXIT-\$?; sleep 30"
	wait_pane wb "pts" >/dev/null
	$T send-keys -t wb R
	check "wandb: R folds the config both runs share into one line" \
		wait_pane wb "same in every run: architecture=CNN  dataset=CIFAR-100  epochs=10  learning_rate=0.02" 50
	$T send-keys -t wb q
	check "wandb: q exits 0" wait_pane wb "TB-EXIT-0" 50
	$T kill-session -t wb
else
	skip "the W&B runs Aaidt__Lite-GPT are not in realdata"
fi
done_testing
