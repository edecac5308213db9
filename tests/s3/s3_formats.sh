#!/bin/sh
# s3_formats: logdirs whose reading depends on more than the metric file
# itself, from a bucket as from the local copy, byte for byte: claims that
# list their directory (Keras CSVs sharing a directory, each its own run;
# the newest of HF checkpoint-N/trainer_state.json) and readers that open
# side files (Lightning hparams.yaml, test-tube meta_tags.csv, legacy W&B
# config.yaml, wandb-metadata.json, wandb-summary.json, HF config.json).
# Headless (export, summary, runs) and live (watch --once; watchdrv's
# hparams and info: the curl multi path, side files fetched asynchronously).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/s3_lib.sh"
R=${TB_REALDATA:-}
[ -d "$R/keras_csv" ] || skip_all "no realdata (set TB_REALDATA)"
s3_start
T=$S3_DIR
check "bucket created" s3_mkbucket tbside
L=$T/local
mkdir -p "$L"
# name source: the copies are made now (mtimes of now, as the uploads')
set -- keras "$R/keras_csv/AhmedImtiazPrio__irfanet-10" \
	hf "$R/trainer_state/AguLeon__LoRA_RoBERTa_AGNews" \
	lt "$R/lightning/Dariensg__TOAD-GAN" \
	tt "$R/lightning/Jhko725__Contact-Point-Detection@7621858b/hall_of_fame/20200204" \
	wb "$R/wandb/AGKhalil__RL_implements@ff402603"
names=
while [ $# -ge 2 ]; do
	if [ -d "$2" ]; then
		cp -r "$2" "$L/$1" && chmod -R u+w "$L/$1" && names="$names $1"
	else
		skip "$1: no $2"
	fi
	shift 2
done
# the HF output dir has no model config in realdata: a small one, one
# directory above the checkpoints (config_read looks there)
[ -d "$L/hf/results" ] &&
	printf '{"model_type": "roberta", "hidden_size": 768, "num_labels": 4}\n' >"$L/hf/results/config.json"
# the local copy's mtimes := the objects' LastModified (formats without
# times show the last write: the upload's, from a bucket)
same_mtimes() {
	(cd "$1" && find . -type f | sed 's|^\./||') | while IFS= read -r f; do
		u=$(printf '%s' "$f" | sed 's/(/%28/g; s/)/%29/g')
		t=$(s3_curl -I "$S3_ENDPOINT/$2/$3/$u" | tr -d '\r' | sed -n 's/^[Ll]ast-[Mm]odified: //p')
		[ -n "$t" ] && touch -d "$t" "$1/$f" || return 1
	done
}
for n in $names; do
	check "$n: uploaded" s3_put_tree "$L/$n" tbside "$n"
	check "$n: local mtimes as the bucket's" same_mtimes "$L/$n" tbside "$n"
	for cmd in export summary runs; do
		"$TB_BIN" $cmd --logdir "$L/$n" >"$T/$n.l.$cmd" 2>"$T/$n.l.err"
		"$TB_BIN" $cmd --logdir "s3://tbside/$n" >"$T/$n.r.$cmd" 2>"$T/$n.r.err"
		check "$n: $cmd from the bucket equals the local copy's" cmp "$T/$n.l.$cmd" "$T/$n.r.$cmd"
	done
	"$TB_BIN" watch --once --logdir "$L/$n" >"$T/$n.l.watch" 2>/dev/null
	timeout 60 "$TB_BIN" watch --once --logdir "s3://tbside/$n" >"$T/$n.r.watch" 2>/dev/null
	check "$n: watch --once (live) from the bucket equals the local copy's" cmp "$T/$n.l.watch" "$T/$n.r.watch"
done
# what the tests above rely on being there at all
has() { grep -q "$2" "$T/$1" || { diag "no '$2' in $1"; return 1; }; }
case $names in *keras*) check "keras: the shared directory's CSVs are runs of their own" \
	[ "$(cut -d, -f1 "$T/keras.r.export" | sort -u | wc -l)" -ge 5 ] ;; esac
case $names in *hf*) check "hf: one run (only the newest checkpoint's state)" \
	[ "$(cut -d, -f1 "$T/hf.r.export" | sort -u | wc -l)" -eq 2 ] ;; esac

# headless, the facts runs shows no column of: filters on them
filt() { # NAME EXPR: runs --filter from the bucket as from disk, and a run found
	"$TB_BIN" runs --filter "$2" --logdir "$L/$1" >"$T/f.l" 2>/dev/null
	"$TB_BIN" runs --filter "$2" --logdir "s3://tbside/$1" >"$T/f.r" 2>/dev/null
	cmp "$T/f.l" "$T/f.r" && [ "$(wc -l <"$T/f.r")" -ge 2 ]
}
case $names in *hf*) check "hf: config.json read (headless: runs --filter model.hidden_size)" \
	filt hf 'model.hidden_size == 768' ;; esac
case $names in *wb*) check "wb: wandb-metadata.json read (headless: runs --filter env/host)" \
	filt wb 'env/host == "a8eb75ff2d2a"' ;; esac

# live (curl multi): hyperparameters and facts as the screen's overview has them
drv=$TB_BUILDDIR/tests/tools/watchdrv
if [ -x "$drv" ]; then
	for n in $names; do
		(sleep 4; printf 'hparams\ninfo\nquit\n') | timeout 60 "$drv" "$L/$n" >"$T/$n.l.drv" 2>/dev/null
		(sleep 4; printf 'hparams\ninfo\nquit\n') | timeout 60 "$drv" "s3://tbside/$n" >"$T/$n.r.drv" 2>/dev/null
		check "$n: live hparams and info from the bucket equal the local copy's" cmp "$T/$n.l.drv" "$T/$n.r.drv"
	done
	case $names in *lt*) check "lt: hparams.yaml read (live)" has lt.r.drv "	opt.output_dir	" ;; esac
	case $names in *tt*) check "tt: meta_tags.csv read (live)" has tt.r.drv "	batch_size	" ;; esac
	case $names in *wb*) check "wb: wandb-metadata.json read (live)" has wb.r.drv "	env/host	" ;; esac
	case $names in *wb*) check "wb: config.yaml read (live)" has wb.r.drv "	lr_ac	" ;; esac
	case $names in *wb*) check "wb: wandb-summary.json read (live)" has wb.r.drv "	summary/" ;; esac
	case $names in *hf*) check "hf: config.json read (live)" has hf.r.drv "	model.hidden_size	768" ;; esac
else
	skip "live: no tests/tools/watchdrv (make check builds it)"
fi
done_testing
