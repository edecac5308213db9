#!/bin/sh
# hparams_realdata.sh: the hyperparameters of real runs in
# ../shared/realdata, checked against the files they come from, read
# independently (tests/tools/hparams_ref.py: Python's json, PyYAML, a
# TFRecord reader of its own), plus literal values copied from the files:
# the Hugging Face Trainer's args and model_config text summaries, W&B's
# config, Lightning's hparams.yaml, trainer_state.json, and PyTorch's
# add_hparams child directories folded into their parent's run. The
# filter reads them on the command line.
. "$TB_SRCDIR/tests/lib.sh"
[ -n "$TB_REALDATA" ] || skip_all "realdata absent"
command -v python3 >/dev/null 2>&1 || skip_all "python3 absent"
tmp=$(tb_tmpdir)
trap 'rm -rf "$tmp"' EXIT
tools="$TB_SRCDIR/tests/tools"
R=$TB_REALDATA
HF=tfevents/AguLeon__LoRA_RoBERTa_AGNews

# hparams NAME LOGDIR...: every run's hyperparameters -> $tmp/NAME.hp
hparams() {
	name=$1
	shift
	printf 'hparams\nquit\n' | "$TB_BUILDDIR/tests/tools/watchdrv" "$@" | grep -v '^#done' >"$tmp/$name.hp"
}

# has NAME RUN KEY VALUE: a literal value copied from the file
has() {
	if grep -qxF "$(printf '%s\t%s\t%s' "$2" "$3" "$4")" "$tmp/$1.hp"; then
		ok "$1: $2: $3 = $4"
	else
		not_ok "$1: $2: $3 = $4"
		grep -F "$(printf '%s\t%s\t' "$2" "$3")" "$tmp/$1.hp" | sed 's/^/# got: /' | head -3
	fi
}

# same NAME KIND LOGDIR DESCRIPTION: hparams_ref.py KIND agrees with us
same() {
	if python3 "$tools/hparams_ref.py" "$2" "$3" >"$tmp/$1.ref" 2>"$tmp/ref.err" &&
	   python3 "$tools/cmp_hparams.py" "$tmp/$1.ref" "$tmp/$1.hp" >"$tmp/cmp.out"; then
		ok "$4 ($(wc -l <"$tmp/$1.ref") values)"
	else
		not_ok "$4"
		sed 's/^/# /' "$tmp/ref.err" "$tmp/cmp.out" | tail -n 20
	fi
}

# ---- TensorBoard: the Hugging Face Trainer's text summaries ---------------
hparams hf "$R/$HF"
same hf hf "$R/$HF" "hf sweep: every field of args and model_config, as the JSON in the event files"
has hf runs/run0 learning_rate 5e-06
has hf runs/run4 learning_rate 5e-05
has hf runs/run0 per_device_train_batch_size 16
has hf runs/run4 per_device_train_batch_size 32
has hf runs/run4 num_train_epochs 3
has hf runs/run4 seed 42
has hf runs/run4 optim adamw_torch
has hf runs/run4 report_to '["tensorboard"]'
has hf runs/run4 accelerator_config.even_batches true
has hf runs/run4 model.hidden_size 768
has hf runs/run4 model.id2label.3 Sci/Tech
has hf runs/run1 model.problem_type single_label_classification
has hf runs/run0 per_gpu_train_batch_size null
# what the runs table (R) makes columns of: the keys whose values differ
# between the five runs, or that some run lacks; the rest fold into a line
differ=$(awk -F'\t' '{ v[$2] = v[$2] "\t" $1 "=" $3; n[$2]++; if (!(($2, $3) in seen)) { seen[$2, $3] = 1; d[$2]++ } }
	END { for (k in n) if (d[k] > 1 || n[k] < 5) print k }' "$tmp/hf.hp" | sort | tr '\n' ' ')
check "hf sweep: the arguments that differ between the runs ($differ)" \
	test "$differ" = "gradient_checkpointing learning_rate model.problem_type num_train_epochs optim per_device_train_batch_size "
check "hf sweep: every run has the same keys but model.problem_type ($(cut -f2 "$tmp/hf.hp" | sort -u | wc -l) keys)" \
	test "$(cut -f1,2 "$tmp/hf.hp" | sort -u | wc -l)" -eq $(( $(cut -f2 "$tmp/hf.hp" | sort -u | wc -l) * 5 - 1 ))
hparams tf "$R/tfevents"
same tf hf "$R/tfevents" "tfevents: every Trainer run of the corpus (the T5 one with nested task_specific_params)"
has tf "10844110__t5-summarization-demo/runs/Mar24_22-23-40_DESKTOP-41L2EO3" model.task_specific_params.summarization.num_beams 4

# the filter reads them: numbers as numbers, the same runs in export and summary
runs_of() { # CMD FILTER: the runs it prints, one line
	"$TB_BIN" "$1" --logdir "$R/$HF" --filter "$2" | sed 1d | cut -d"$3" -f1 | sort -u | tr '\n' ' '
}
check "--filter 'learning_rate<=1e-5': summary lists run0-run3" \
	test "$(runs_of summary 'learning_rate<=1e-5' '	')" = "runs/run0 runs/run1 runs/run2 runs/run3 "
check "--filter 'learning_rate<=1e-5': export the same runs" \
	test "$(runs_of export 'learning_rate<=1e-5' ,)" = "runs/run0 runs/run1 runs/run2 runs/run3 "
check "--filter 'learning_rate>=1e-5 and per_device_train_batch_size==32': run4" \
	test "$(runs_of summary 'learning_rate>=1e-5 and per_device_train_batch_size==32' '	')" = "runs/run4 "
check "--filter 'model.hidden_size==768 and not gradient_checkpointing': run0-run3" \
	test "$(runs_of summary 'model.hidden_size==768 and not gradient_checkpointing' '	')" = "runs/run0 runs/run1 runs/run2 runs/run3 "

# ---- TensorBoard: PyTorch's add_hparams child directories --------------------
J=lightning/Jhko725__Contact-Point-Detection@7621858b/lightning_logs
hparams addhp "$R/$J"
has addhp version_4 lr 0.02
has addhp version_4 batch_size 20
has addhp version_4 solver rk4
check "add_hparams: no run named after a time-named child (13 in this logdir)" \
	sh -c "! printf 'runs\nquit\n' | '$TB_BUILDDIR/tests/tools/watchdrv' '$R/$J' | grep -q '/1[0-9]*\\.[0-9]'"
check "add_hparams: export names no such run either" \
	sh -c "! '$TB_BIN' export --logdir '$R/$J' | cut -d, -f1 | grep -q '/1[0-9]*\\.[0-9]'"
check "add_hparams: --filter finds the parent by the child's hparams" \
	test "$("$TB_BIN" summary --logdir "$R/$J" --filter 'solver==rk4 and lr==0.02 and name~^version_4$' | sed 1d | cut -f1 | sort -u)" = version_4

# ---- W&B ---------------------------------------------------------------------
hparams wandb "$R/wandb"
has wandb "Aaidt__Lite-GPT@ae76da9d/wandb/run-20260619_130946-2paojac3" learning_rate 0.02
has wandb "Aaidt__Lite-GPT@ae76da9d/wandb/run-20260619_130946-2paojac3" architecture CNN
has wandb "Aaidt__Lite-GPT@ae76da9d/wandb/run-20260619_130946-2paojac3" epochs 10
has wandb "ARM-software__keyword-transformer/wandb/run-20220429_201936-3ojed7lz" Notes "Default Hyper Parameters, Swish activation."
check "wandb: _wandb and wandb_version are W&B's own, never hyperparameters" \
	sh -c "! cut -f2 '$tmp/wandb.hp' | grep -q '^_wandb\\|^wandb_version'"
# legacy runs: config.yaml, {desc, value} unwrapped; PyYAML's 1.0e-06 is 1e-06
has wandb "AGKhalil__RL_implements@ff402603/wandb/run-20200324_203051-2e7y1vyk" lr_cr 1e-06
has wandb "AGKhalil__RL_implements@ff402603/wandb/run-20200324_203051-2e7y1vyk" batch_size 50
if python3 -c 'import yaml' 2>/dev/null; then
	same wandb wandb "$R/wandb" "wandb: every legacy config.yaml, as PyYAML reads it"
else
	skip "wandb: config.yaml against PyYAML (python3-yaml absent)"
fi

# ---- Lightning -----------------------------------------------------------------
hparams lightning "$R/lightning"
has lightning "Dariensg__TOAD-GAN/lightning_logs/version_13" opt.batch_size 256
has lightning "Dariensg__TOAD-GAN/lightning_logs/version_13" opt.scales '[0.88,0.75,0.5]'
has lightning "Dariensg__TOAD-GAN/lightning_logs/version_13" opt.device '["cuda",0]'
has lightning "Dariensg__TOAD-GAN/lightning_logs/version_13" opt.outf 0
has lightning "CooperBigFoot__CAMELS-CH/lightning_logs/version_113" learning_rate 0.000233596350262616
has lightning "CooperBigFoot__CAMELS-CH/lightning_logs/version_57/metrics.csv" config.hidden_size 32
if python3 -c 'import yaml' 2>/dev/null; then
	same lightning yaml "$R/lightning" "lightning: every hparams.yaml beside a metrics.csv, as PyYAML reads it"
else
	skip "lightning: hparams.yaml against PyYAML (python3-yaml absent)"
fi

# ---- Hugging Face trainer_state.json --------------------------------------------
hparams ts "$R/trainer_state"
has ts AguLeon__LoRA_RoBERTa_AGNews/results train_batch_size 32
has ts AguLeon__LoRA_RoBERTa_AGNews/results max_steps 1200
has ts AguLeon__LoRA_RoBERTa_AGNews/results logging_steps 100
has ts AguLeon__LoRA_RoBERTa_AGNews/results eval_steps 100
has ts AguLeon__LoRA_RoBERTa_AGNews/results num_train_epochs 1
has ts anthonyrathe__fixed-whisperv2-flemish num_train_epochs 9.223372036854776e+18
done_testing
