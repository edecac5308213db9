#!/bin/sh
# s3_export: s3:// logdirs on a real S3 server (Ceph RGW on 127.0.0.1):
# export and summary from a bucket equal those of the local copy byte for
# byte (TensorBoard event files, a W&B run); wrong credentials, a missing bucket, a dead endpoint each give one
# clear message and exit 1; the secret is never printed.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/s3_lib.sh"
src=${TB_REALDATA:-}/tfevents/AguLeon__LoRA_RoBERTa_AGNews
[ -d "$src" ] || skip_all "no realdata (set TB_REALDATA)"
s3_start
T=$S3_DIR
check "bucket created" s3_mkbucket tbtest
check "AguLeon's runs uploaded" s3_put_tree "$src" tbtest agnews

for cmd in export summary; do
	"$TB_BIN" $cmd --logdir "$src" >"$T/local.$cmd" 2>"$T/local.err"
	"$TB_BIN" $cmd --logdir s3://tbtest/agnews >"$T/s3.$cmd" 2>"$T/s3.err"
	rc=$?
	check "$cmd from the bucket exits 0" [ $rc -eq 0 ]
	check "$cmd from the bucket equals the local copy's byte for byte" cmp "$T/local.$cmd" "$T/s3.$cmd"
	[ -s "$T/s3.err" ] && sed 's/^/# stderr: /' "$T/s3.err"
done
check "export has AguLeon's 630 points" [ "$(wc -l <"$T/s3.export")" -eq 631 ]
# a W&B logdir: .wandb transaction logs, output.log, config.yaml beside
wb=$TB_REALDATA/wandb/ARM-software__keyword-transformer
if [ -d "$wb" ] && s3_put_tree "$wb" tbtest arm; then
	for cmd in export summary runs; do
		"$TB_BIN" $cmd --logdir "$wb" >"$T/wl.$cmd" 2>/dev/null
		"$TB_BIN" $cmd --logdir s3://tbtest/arm >"$T/wr.$cmd" 2>"$T/wr.err"
		check "W&B: $cmd from the bucket equals the local copy's" cmp "$T/wl.$cmd" "$T/wr.$cmd"
	done
	check "W&B: export has 4700 points" [ "$(wc -l <"$T/wr.export")" -eq 4701 ]
	"$TB_BIN" watch --once --logdir "$wb" >"$T/wl.watch" 2>/dev/null
	timeout 60 "$TB_BIN" watch --once --logdir s3://tbtest/arm >"$T/wr.watch" 2>/dev/null
	check "W&B: watch --once (live, curl multi) from the bucket says what it says from disk" \
		cmp "$T/wl.watch" "$T/wr.watch"
else
	skip "W&B: no $wb, or its upload failed"
fi
# CSV logdirs: their claims sniff the first bytes (a ranged GET)
lt=$TB_REALDATA/lightning/Jordi6__pytorchLit15min
if [ -d "$lt" ] && s3_put_tree "$lt" tbtest lightning; then
	"$TB_BIN" export --logdir "$lt" >"$T/ll" 2>/dev/null
	"$TB_BIN" export --logdir s3://tbtest/lightning >"$T/lr" 2>/dev/null
	check "Lightning CSV: export from the bucket equals the local copy's" cmp "$T/ll" "$T/lr"
	check "Lightning CSV: 20 points" [ "$(wc -l <"$T/lr")" -eq 21 ]
else
	skip "Lightning CSV: no $lt, or its upload failed"
fi

# claims that look at a directory (dir_has): PyTorch's add_hparams child
# runs/exp1/<time>/ is read as its parent, as on disk
if [ -x "$TB_BUILDDIR/tests/tools/tbappend" ]; then
	mkdir -p "$T/hp/exp1/1700000000.12"
	"$TB_BUILDDIR/tests/tools/tbappend" -H "$T/hp/exp1/events.out.tfevents.1.h" loss 1 0.5
	"$TB_BUILDDIR/tests/tools/tbappend" -H "$T/hp/exp1/1700000000.12/events.out.tfevents.2.h" hp_metric 1 0.9
	s3_put_tree "$T/hp" tbtest hp
	"$TB_BIN" export --logdir "$T/hp" >"$T/hpl" 2>/dev/null
	"$TB_BIN" export --logdir s3://tbtest/hp >"$T/hpr" 2>/dev/null
	check "add_hparams child: read as its parent run, as on disk" cmp "$T/hpl" "$T/hpr"
	check "add_hparams child: one run" [ "$(cut -d, -f1 "$T/hpr" | sort -u | wc -l)" -eq 2 ]
else
	skip "add_hparams child: no tests/tools/tbappend (make check builds it)"
fi

# listings of several pages (continuation tokens): two keys a page
TB_S3_MAX_KEYS=2 "$TB_BIN" export --logdir s3://tbtest/agnews >"$T/paged" 2>"$T/paged.err"
check "a listing in three pages (two keys each) finds every run" cmp "$T/local.export" "$T/paged"
drv=$TB_BUILDDIR/tests/tools/watchdrv
if [ -x "$drv" ]; then
	(sleep 3; echo runs; echo quit) | TB_S3_MAX_KEYS=2 "$drv" s3://tbtest/agnews >"$T/drv.out" 2>&1
	check "live (curl multi): three pages listed too" [ "$(grep -c '	126	live$' "$T/drv.out")" -eq 5 ]
else
	skip "live listing: no tests/tools/watchdrv (make check builds it)"
fi

# a prefix with a trailing slash, and a spec name over s3://
"$TB_BIN" export --logdir s3://tbtest/agnews/ >"$T/slash" 2>/dev/null
check "s3://BUCKET/PREFIX/ reads as s3://BUCKET/PREFIX" cmp "$T/local.export" "$T/slash"
"$TB_BIN" export --logdir_spec "ag:s3://tbtest/agnews/runs" >"$T/spec" 2>/dev/null
check "--logdir_spec NAME:s3://... names runs NAME/run" grep -q '^ag/run3,' "$T/spec"
# the endpoint on the command line wins over the environment
AWS_ENDPOINT_URL=http://127.0.0.1:1 "$TB_BIN" export --s3-endpoint "$S3_ENDPOINT" --logdir s3://tbtest/agnews >"$T/opt" 2>/dev/null
check "--s3-endpoint wins over AWS_ENDPOINT_URL" cmp "$T/local.export" "$T/opt"

# faults: one clear message each, exit 1, the secret never shown
fault() { # fault NAME EXPECTED-TEXT ENV... -- ARGS...
	name=$1 want=$2; shift 2
	env "$@" >"$T/f.out" 2>"$T/f.err"
	rc=$?
	check "$name: exit 1" [ $rc -eq 1 ]
	check "$name: says '$want'" grep -q "$want" "$T/f.err"
	check "$name: one message" [ "$(wc -l <"$T/f.err")" -eq 1 ]
	check "$name: no secret in the output" sh -c "! grep -q '$S3_SECRET\\|sekrit' '$T/f.err' '$T/f.out'"
	sed 's/^/# /' "$T/f.err"
}
fault "wrong secret" "HTTP 403" AWS_SECRET_ACCESS_KEY=sekrit-wrong "$TB_BIN" export --logdir s3://tbtest/agnews
fault "missing bucket" "HTTP 404 NoSuchBucket" "$TB_BIN" export --logdir s3://nosuchbucket/agnews
fault "dead endpoint" "Could.*connect" AWS_ENDPOINT_URL=http://127.0.0.1:1 "$TB_BIN" export --logdir s3://tbtest/agnews
fault "no credentials" "no credentials" -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY HOME=$T \
	"$TB_BIN" export --logdir s3://tbtest/agnews
# faults a proxy injects: throttling and answers cut short are retried
# (nothing lost, nothing twice); throttling that lasts is one message.
# Two faults at most: a request has three tries.
if s3_proxy; then
	echo "503 2" >"$S3_CTL"
	AWS_ENDPOINT_URL=$S3_PROXY "$TB_BIN" export --logdir s3://tbtest/agnews >"$T/p503" 2>"$T/p503.err"
	check "503 SlowDown twice: retried, the same export" cmp "$T/local.export" "$T/p503"
	echo "cut 2" >"$S3_CTL"
	AWS_ENDPOINT_URL=$S3_PROXY "$TB_BIN" export --logdir s3://tbtest/agnews >"$T/pcut" 2>"$T/pcut.err"
	check "object answers cut in half: retried, the same export" cmp "$T/local.export" "$T/pcut"
	if [ -s "$T/ll" ]; then
		echo "cut 2" >"$S3_CTL"
		AWS_ENDPOINT_URL=$S3_PROXY "$TB_BIN" export --logdir s3://tbtest/lightning >"$T/pcsv" 2>/dev/null
		check "CSV heads cut in half: retried, the same export" cmp "$T/ll" "$T/pcsv"
	fi
	fault "503 SlowDown that lasts" "HTTP 503 SlowDown" AWS_ENDPOINT_URL=$S3_PROXY sh -c \
		"echo '503 9' >'$S3_CTL'; exec '$TB_BIN' export --logdir s3://tbtest/agnews"
else
	skip "faults through a proxy: no python3"
fi
# a profile in ~/.aws/credentials and ~/.aws/config
mkdir -p "$T/home/.aws"
printf '[default]\naws_access_key_id = nope\naws_secret_access_key = nope\n[tb]\naws_access_key_id = %s\naws_secret_access_key = %s\n' \
	"$S3_KEY" "$S3_SECRET" >"$T/home/.aws/credentials"
printf '[profile tb]\nregion = us-east-1\nendpoint_url = %s\n' "$S3_ENDPOINT" >"$T/home/.aws/config"
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_ENDPOINT_URL HOME="$T/home" AWS_PROFILE=tb \
	"$TB_BIN" export --logdir s3://tbtest/agnews >"$T/prof" 2>"$T/prof.err"
check "AWS_PROFILE from ~/.aws/credentials and ~/.aws/config" cmp "$T/local.export" "$T/prof"
done_testing
