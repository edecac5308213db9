#!/bin/sh
# bench/s3.sh BUILD [RUNS]: s3:// logdirs on a local Ceph RGW (as tests/s3):
# listing and first load of a bucket of RUNS runs (default 1000), headless
# (export) and live (the engine's loop, tests/tools/watchdrv), against the
# same export from disk; and the bytes read for one live update of one run
# against the bytes appended. make bench-s3 runs it.
B=${1:?usage: bench/s3.sh BUILD [RUNS]}
N=${2:-1000}
TB_BIN=$B/tailboard TB_BUILDDIR=$B
export TB_BIN TB_BUILDDIR
. "$(dirname "$0")/../tests/lib.sh"
. "$(dirname "$0")/../tests/s3/s3_lib.sh"
APPEND=$B/tests/tools/tbappend
DRV=$B/tests/tools/watchdrv
[ -x "$APPEND" ] && [ -x "$DRV" ] || skip_all "build tests/tools/tbappend and watchdrv first (make check)"
s3_start
T=$S3_DIR
s3_mkbucket bench || exit 1
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc; }
ratio() { echo "scale=1; $1 / $2" | bc; }
# RUNS runs of 200 points each
mkdir -p "$T/runs"
"$APPEND" -H "$T/one" loss 0 1
i=1
while [ $i -lt 200 ]; do "$APPEND" "$T/one" loss $i 0.$i; i=$((i + 1)); done
i=0
while [ $i -lt "$N" ]; do
	mkdir -p "$T/runs/r$i"
	cp "$T/one" "$T/runs/r$i/events.out.tfevents.1.host"
	i=$((i + 1))
done
t0=$(now)
(cd "$T/runs" && find . -type f | sed 's|^\./||') |
	xargs -P 8 -I{} curl -sS -f --aws-sigv4 aws:amz:us-east-1:s3 -u "$S3_KEY:$S3_SECRET" \
		-H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' -T "$T/runs/{}" "$S3_ENDPOINT/bench/runs/{}"
diag "uploaded $N runs ($(wc -c <"$T/one") bytes each) in $(secs "$t0" "$(now)") s"

t0=$(now); "$TB_BIN" export --logdir "$T/runs" >"$T/local.csv"; t1=$(now)
base=$(secs "$t0" "$t1")
diag "export from disk:            $base s (the baseline)"
t0=$(now); "$TB_BIN" export --logdir s3://bench/runs >"$T/s3.csv"; t1=$(now)
d=$(secs "$t0" "$t1")
diag "export from the bucket:      $d s = $(ratio "$d" "$base")x disk (a listing page a 1000 keys, a GET a run)"
check "the same bytes" cmp "$T/local.csv" "$T/s3.csv"
t0=$(now)
(echo stats; echo quit) | "$DRV" "$T/runs" >"$T/drvl.out"
t1=$(now)
lbase=$(secs "$t0" "$t1")
diag "live first load from disk:   $lbase s (watchdrv, the live baseline)"
t0=$(now)
(echo stats; echo quit) | "$DRV" s3://bench/runs >"$T/drv.out"
t1=$(now)
d=$(secs "$t0" "$t1")
diag "live first load, bucket:     $d s = $(ratio "$d" "$lbase")x disk ($(sed -n 's/^files //p' "$T/drv.out") files)"

# one live update: bytes read for one point appended to one run
rm -f "$T/ctl"; mkfifo "$T/ctl"
"$DRV" --poll=0.5 s3://bench/runs <"$T/ctl" >"$T/out" 2>"$T/err" &
pid=$!
exec 3>"$T/ctl"
# ask, and wait for the answer (#done): the first one comes after the load
ask() {
	n=$(grep -c '^#done$' "$T/out")
	echo stats >&3
	while [ "$(grep -c '^#done$' "$T/out")" -le "$n" ]; do sleep 0.1; done
	sed -n 's/^bytes_read //p' "$T/out" | tail -1
}
b0=$(ask)
s0=$(wc -c <"$T/runs/r7/events.out.tfevents.1.host")
"$APPEND" "$T/runs/r7/events.out.tfevents.1.host" loss 200 0.2
s1=$(wc -c <"$T/runs/r7/events.out.tfevents.1.host")
s3_curl -T "$T/runs/r7/events.out.tfevents.1.host" "$S3_ENDPOINT/bench/runs/r7/events.out.tfevents.1.host"
sleep 2         # four polls
b1=$(ask)
echo quit >&3
exec 3>&-
wait $pid
diag "live update: $((s1 - s0)) bytes appended, $((b1 - b0)) bytes read (ranged GET), plus one listing a poll"
check "bytes read for the update within 2x of the bytes appended" \
	[ $((b1 - b0)) -gt 0 -a $((b1 - b0)) -le $((2 * (s1 - s0))) ]
done_testing
