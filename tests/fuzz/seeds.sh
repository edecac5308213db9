# seeds.sh: `seeds_for TARGET` prints real files from ../shared/realdata that
# suit a fuzz target, at most SEED_MAX (default 40), smallest first.
seeds_for() {
	[ -n "${TB_REALDATA:-}" ] && [ -d "$TB_REALDATA" ] || return 0
	case $1 in
	tfevents|pb) find "$TB_REALDATA/tfevents" "$TB_REALDATA/lightning" -name '*tfevents*' -size +0 -size -512k ;;
	wandb) find "$TB_REALDATA/wandb" -name '*.wandb' -size -1024k ;;
	wandb_output) find "$TB_REALDATA/wandb" -name 'output.log' -size -512k ;;
	wandb_history) find "$TB_REALDATA/wandb" -name 'wandb-history.jsonl' -size -512k ;;
	trainer_state) find "$TB_REALDATA/trainer_state" -name 'trainer_state.json' -size -512k ;;
	csv) find "$TB_REALDATA/lightning" "$TB_REALDATA/keras_csv" -type f \( -name '*.csv' -o -name '*.log' \) -size -256k ;;
	jsonl|gzip) find "$TB_REALDATA/wandb" -name '*.jsonl' -size -256k ;;
	sanitize) echo "$TB_REALDATA/SOURCES.tsv" ;;
	yaml) find "$TB_REALDATA/lightning" "$TB_REALDATA/wandb" -type f \( -name hparams.yaml -o -name config.yaml \) -size -256k ;;
	esac 2>/dev/null | xargs -r ls -S -r 2>/dev/null | head -n "${SEED_MAX:-40}"
}
