#!/bin/sh
# s3_faults: an s3:// logdir on a real S3 server (Ceph RGW) when the bucket
# is named in the host (virtual-hosted addressing) and when things go
# wrong in ways s3_export and s3_live do not inject: a listing page cut
# short, an answer that stalls half-way, an object shortened between a
# listing and the read of its new end, checkpoints deleted, a crash of a
# process that holds the secret (no core dump).
. "$(dirname "$0")/../lib.sh"
. "$TB_SRCDIR/tests/live/live_lib.sh"
. "$(dirname "$0")/s3_lib.sh"
src=${TB_REALDATA:-}/tfevents/AguLeon__LoRA_RoBERTa_AGNews
[ -d "$src" ] || skip_all "no realdata (set TB_REALDATA)"
s3_start
check "bucket created" s3_mkbucket tbtest
check "AguLeon's runs uploaded" s3_put_tree "$src" tbtest agnews
"$TB_BIN" export --logdir "$src" >"$T/local" 2>/dev/null
port=${S3_ENDPOINT##*:}

# --- addressing: BUCKET.HOST (RGW's 'rgw dns name' is localhost; curl
# takes *.localhost to be 127.0.0.1)
"$TB_BIN" export --s3-addressing-style virtual --s3-endpoint "http://localhost:$port" \
	--logdir s3://tbtest/agnews >"$T/virt" 2>"$T/virt.err"
check "virtual-hosted: the same export as from disk" cmp "$T/local" "$T/virt"
mkdir -p "$T/home/.aws"
printf '[profile v]\nregion = us-east-1\ns3 =\n    addressing_style = virtual\nendpoint_url = http://localhost:%s\n' \
	"$port" >"$T/home/.aws/config"
env -u AWS_ENDPOINT_URL HOME="$T/home" AWS_PROFILE=v "$TB_BIN" export --logdir s3://tbtest/agnews >"$T/vprof" 2>/dev/null
check "virtual-hosted from the profile's s3 = addressing_style (~/.aws/config)" cmp "$T/local" "$T/vprof"
"$TB_BIN" export --s3-addressing-style virtual --logdir s3://tbtest/agnews >"$T/vip" 2>"$T/vip.err"
check "virtual-hosted on an IP address: exit 1" [ $? -eq 1 ]
check "virtual-hosted on an IP address: says it needs a host name" grep -q "needs a host name" "$T/vip.err"
"$TB_BIN" export --s3-addressing-style sideways --logdir s3://tbtest/agnews >/dev/null 2>"$T/vbad"
check "--s3-addressing-style sideways: exit 2" [ $? -eq 2 ]
# --logdir_spec with a URL and no name, as TensorBoard reads it
"$TB_BIN" export --logdir_spec s3://tbtest/agnews >"$T/spec" 2>/dev/null
check "--logdir_spec s3://BUCKET/PREFIX (no name) reads as --logdir" cmp "$T/local" "$T/spec"

s3_proxy || skip_all "no python3 for the fault proxy"
pport=${S3_PROXY##*:}
LOG=$S3_CTL.log
: >"$LOG"
"$TB_BIN" export --s3-addressing-style virtual --s3-endpoint "http://localhost:$pport" \
	--logdir s3://tbtest/agnews >"$T/pv" 2>/dev/null
check "through the proxy, virtual-hosted: the same export" cmp "$T/local" "$T/pv"
check "virtual-hosted: the listing asked tbtest.localhost for /?list-type=2" \
	grep -q "^GET tbtest.localhost:$pport /?list-type=2" "$LOG"
check "virtual-hosted: objects asked as /KEY" grep -q "^GET tbtest.localhost:$pport /agnews/runs/run0/" "$LOG"
: >"$LOG"
AWS_ENDPOINT_URL=$S3_PROXY "$TB_BIN" export --logdir s3://tbtest/agnews >/dev/null 2>&1
check "auto on an endpoint of our own: path-style, /BUCKET/KEY" grep -q "^GET 127.0.0.1:$pport /tbtest/agnews/" "$LOG"

# --- a listing page cut short is asked again (headless: the page's
# objects parsed so far are forgotten first; live: the page is whole or
# retried)
echo "cutlist 2" >"$S3_CTL"
TB_S3_MAX_KEYS=2 AWS_ENDPOINT_URL=$S3_PROXY "$TB_BIN" export --logdir s3://tbtest/agnews >"$T/pl" 2>"$T/pl.err"
check "listing pages cut in half: retried, the same export" cmp "$T/local" "$T/pl"
check "listing pages cut in half: the cuts happened" [ ! -s "$S3_CTL" ]
echo "cutlist 2" >"$S3_CTL"
export TB_S3_MAX_KEYS=2 AWS_ENDPOINT_URL="$S3_PROXY"
drv_start s3://tbtest/agnews
wait_until "live: listing pages cut in half, every run found" runs \
	'[ "$(echo "$got" | grep -c "	126	live$")" -eq 5 ]'
drv_stop
unset TB_S3_MAX_KEYS

# --- an answer that stalls half-way (headers and half the body, then
# nothing): curl's low-speed limit ends it (TB_S3_STALL_SECS, 30 s by
# default) and it is asked again
echo "stallbody 1" >"$S3_CTL"
t0=$(date +%s)
TB_S3_STALL_SECS=2 AWS_ENDPOINT_URL=$S3_PROXY timeout 60 "$TB_BIN" export --logdir s3://tbtest/agnews \
	>"$T/ps" 2>"$T/ps.err"
t1=$(date +%s)
diag "export with a stalled answer took $((t1 - t0)) s"
check "an answer stalled mid-body: retried, the same export" cmp "$T/local" "$T/ps"
check "an answer stalled mid-body: the stall happened" [ ! -s "$S3_CTL" ]

# --- an object shortened between the listing that saw it longer and the
# ranged GET of its new end: the GET finds nothing there (416), the run
# is read again from the start, and holds what the object now holds
check "bucket tblive created" s3_mkbucket tblive
F=$T/a.tfevents
up() { s3_curl -T "$1" "$S3_ENDPOINT/tblive/live/a/events.out.tfevents.1.host"; }
"$APPEND" -H "$F" loss 1 1
cp "$F" "$T/short"
"$APPEND" "$F" loss 2 2
up "$F"
drv_start --poll=0.3 s3://tblive/live
wait_for "loaded" dump "$(rows a loss 1 1 2 2)"
"$APPEND" "$F" loss 3 3
echo "slow 1" >"$S3_CTL"
up "$F"
i=0
while [ -s "$S3_CTL" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
check "the GET of the new end is held in the proxy" [ ! -s "$S3_CTL" ]
up "$T/short"           # meanwhile, the object becomes its first record only
wait_for "an object shortened between listing and read: its run starts over with what it holds" dump \
	"$(rows a loss 1 1)"
drv_stop
AWS_ENDPOINT_URL=$S3_ENDPOINT

# --- one run's read that stalls holds no other run back: each run waits
# for its own reads (its files stay in order), the others are read
"$APPEND" -H "$T/sa" loss 1 1
"$APPEND" -H "$T/sb" acc 1 0.5
s3_curl -T "$T/sa" "$S3_ENDPOINT/tblive/two/a/events.out.tfevents.1.host"
s3_curl -T "$T/sb" "$S3_ENDPOINT/tblive/two/b/events.out.tfevents.1.host"
AWS_ENDPOINT_URL=$S3_PROXY
echo "stall 1" >"$S3_CTL"       # the first object GET, run a's, never answered
drv_start --poll=0.3 s3://tblive/two
WAIT_FILTER="grep ^b" wait_for "run a's read stalled: run b is read all the same" peek "$(rows b acc 1 0.5)"
check "run a has nothing yet" [ -z "$(drv_cmd peek | grep '^a')" ]
check "run a's read is the one held" [ ! -s "$S3_CTL" ]
drv_stop
AWS_ENDPOINT_URL=$S3_ENDPOINT

# --- the endpoint goes away after the first load: what was read stays,
# and the failure is said, not at every poll
AWS_ENDPOINT_URL=$S3_PROXY
drv_start --poll=0.3 s3://tbtest/agnews
wait_until "loaded through the proxy" runs '[ "$(echo "$got" | grep -c "	126	live$")" -eq 5 ]'
kill "$S3_PROXY_PID"
wait "$S3_PROXY_PID" 2>/dev/null
sleep 2         # several polls, each refused
check "the endpoint gone: every point read is kept" [ "$(drv_cmd dump | wc -l)" -eq 630 ]
check "the endpoint gone: said" grep -q "s3" "$T/err"
diag "said: $(sort -u "$T/err" | head -3)"
check "the endpoint gone: said once, not at every poll" [ "$(grep -c "s3" "$T/err")" -le 2 ]
drv_stop
AWS_ENDPOINT_URL=$S3_ENDPOINT

# --- checkpoints: HF's checkpoint-N directories mark the x axis; one
# deleted from the bucket goes from the marks at the next listing
hf=$TB_REALDATA/trainer_state/AguLeon__LoRA_RoBERTa_AGNews
if [ -d "$hf" ] && s3_put_tree "$hf" tbtest hf; then
	drv_start --poll=0.3 s3://tbtest/hf
	wait_for "checkpoints from the bucket" ckpts "$(printf 'results\t500 1000 1200')"
	s3_curl -X DELETE "$S3_ENDPOINT/tbtest/hf/results/checkpoint-500/trainer_state.json"
	wait_for "a checkpoint deleted from the bucket is no longer marked" ckpts "$(printf 'results\t1000 1200')"
	drv_stop
else
	skip "checkpoints: no $hf, or its upload failed"
fi

# --- a process that holds the secret makes no core dump (libcurl keeps
# copies of it on its heap); the same crash with a local logdir does
cat >"$T/core.py" <<'PY'
import os, resource, signal, subprocess, sys, time
resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
p = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1.5)
os.kill(p.pid, signal.SIGABRT)
print("core" if os.WCOREDUMP(os.waitpid(p.pid, 0)[1]) else "none")
PY
mkdir -p "$T/cores"
local_core=$(cd "$T/cores" && python3 "$T/core.py" "$TB_BIN" watch --logdir "$src" 2>/dev/null)
if [ "$local_core" = core ]; then
	s3_core=$(cd "$T/cores" && python3 "$T/core.py" "$TB_BIN" watch --logdir s3://tbtest/agnews 2>/dev/null)
	check "a crash while holding S3 credentials dumps no core" [ "$s3_core" = none ]
else
	skip "core dumps are off here (a local logdir's crash dumped '$local_core')"
fi
rm -rf "$T/cores"
done_testing
