#!/bin/sh
# s3_live: an s3:// logdir followed live on a real S3 server (Ceph RGW):
# polled (every 5 s by default, --poll SECONDS), an object re-uploaded
# longer is read from where the last read ended (a ranged GET: bytes on
# the wire about what was appended), new runs appear, an object replaced
# by other content starts its run over, a deleted one leaves its run stale;
# the screen and watch show an appended point within the poll interval.
. "$(dirname "$0")/../lib.sh"
. "$TB_SRCDIR/tests/live/live_lib.sh"
. "$(dirname "$0")/s3_lib.sh"
s3_start
check "bucket created" s3_mkbucket tblive
L=$T/logs
mkdir -p "$L/a" "$L/b"
F=$L/a/events.out.tfevents.1.host
up() { s3_curl -T "$1" "$S3_ENDPOINT/tblive/live/$2"; }
bytes() { drv_cmd stats | sed -n 's/^bytes_read //p'; }

"$APPEND" -H "$F" loss 1 1
up "$F" a/events.out.tfevents.1.host
drv_start s3://tblive/live
check "default: a listing every 5 s" test "$(drv_cmd describe)" = "polling 5s (s3)"
drv_stop

drv_start --poll=0.3 s3://tblive/live
wait_for "loaded from the bucket" dump "$(rows a loss 1 1)"
check "--poll sets the s3 period" test "$(drv_cmd describe)" = "polling 0.3s (--poll)"
b0=$(bytes)
size0=$(wc -c <"$F")
check "the first read fetched the object once" [ "$b0" -eq "$size0" ]

"$APPEND" "$F" loss 2 2
size1=$(wc -c <"$F")
up "$F" a/events.out.tfevents.1.host
wait_for "an object re-uploaded longer: its new points" dump "$(rows a loss 1 1 2 2)"
b1=$(bytes)
diag "appended $((size1 - size0)) bytes; read $((b1 - b0))"
check "only the appended bytes were read (ranged GET)" [ $((b1 - b0)) -eq $((size1 - size0)) ]

"$APPEND" -H "$L/b/events.out.tfevents.2.host" acc 1 0.5
up "$L/b/events.out.tfevents.2.host" b/events.out.tfevents.2.host
wait_for "a new run appears" dump "$(rows a loss 1 1 2 2; rows b acc 1 0.5)"

sleep 1         # a new wall time: the header's bytes differ
: >"$F"
"$APPEND" -H "$F" loss 1 7
"$APPEND" "$F" loss 2 8
"$APPEND" "$F" loss 3 9
up "$F" a/events.out.tfevents.1.host
wait_for "an object replaced by other content: its run starts over" dump \
	"$(rows a loss 1 7 2 8 3 9; rows b acc 1 0.5)"

s3_curl -X DELETE "$S3_ENDPOINT/tblive/live/b/events.out.tfevents.2.host"
wait_for "a deleted object leaves its run stale" runs "$(printf 'a\t3\tlive\nb\t1\tstale')"
drv_stop
check "no errors reported" test ! -s "$T/err"

# live faults through a proxy: a cut answer and throttling are retried
# (said once: "s3: retrying"), an object GET that stalls blocks nothing
if s3_proxy; then
	"$APPEND" -H "$L/c.tfevents" loss 1 1
	up "$L/c.tfevents" c/events.out.tfevents.3.host
	echo "cut 1" >"$S3_CTL"
	AWS_ENDPOINT_URL=$S3_PROXY drv_start --poll=0.3 s3://tblive/live
	wait_until "a GET cut short is asked again: every run read" runs \
		'echo "$got" | grep -q "^a	3	live" && echo "$got" | grep -q "^c	1	live"'
	echo "503 1" >"$S3_CTL"
	"$APPEND" "$L/c.tfevents" loss 2 2
	up "$L/c.tfevents" c/events.out.tfevents.3.host
	WAIT_FILTER="grep ^c" wait_for "after a 503, the appended point" dump "$(rows c loss 1 1 2 2)"
	check "the retry was said" grep -q "s3: retrying" "$T/err"
	echo "stall 1" >"$S3_CTL"
	"$APPEND" "$L/c.tfevents" loss 3 3
	up "$L/c.tfevents" c/events.out.tfevents.3.host
	sleep 1         # a poll: the GET of the new bytes hangs in the proxy
	t0=$(date +%s%N)
	drv_cmd ping >/dev/null
	t1=$(date +%s%N)
	check "an object GET that stalls blocks nothing" [ $(((t1 - t0) / 1000000)) -lt 1500 ]
	drv_stop
else
	skip "live faults through a proxy: no python3"
fi

# the screen on a bucket: the status line says how it follows it, and an
# object re-uploaded longer shows its new point within the poll interval
if command -v tmux >/dev/null 2>&1; then
	TM="tmux -u -L s3live$$ -f /dev/null"
	$TM new-session -d -s s -x 80 -y 24 "env LANG=C.UTF-8 '$TB_BIN' --poll=0.5 s3://tblive/live; sleep 60"
	wait_pane s "polling 0.5s (--poll)" && ok "the screen: polling 0.5s (--poll)" || not_ok "the screen: polling 0.5s (--poll)"
	pts() { cap s | sed -n 's/.* \([0-9][0-9]*\) pts.*/\1/p' | tail -1; }
	i=0
	while [ -z "$(pts)" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	before=$(pts)
	"$APPEND" "$L/c.tfevents" loss 9 9
	up "$L/c.tfevents" c/events.out.tfevents.3.host
	wait_pane s "$((before + 1)) pts" 50 && ok "the screen: the appended point shows ($before pts, then $((before + 1)))" ||
		not_ok "the screen: the appended point shows"
	cap s | tail -2 | sed 's/^/# | /'
	$TM kill-server 2>/dev/null
else
	skip "the screen on a bucket: no tmux"
fi

# tailboard watch on a bucket: a point appended to an object (re-uploaded
# longer) meets --until within the poll interval
"$TB_BIN" watch --poll=0.5 --logdir s3://tblive/live --until 'run~^c$:loss<0.5' --timeout 60s \
	>"$T/watch.out" 2>"$T/watch.err" &
WPID=$!
sleep 3         # loaded, and polling
"$APPEND" "$L/c.tfevents" loss 10 0.25
t0=$(date +%s%N)
up "$L/c.tfevents" c/events.out.tfevents.3.host
wait "$WPID"
st=$?
t1=$(date +%s%N)
diag "watch: the appended point met --until $(((t1 - t0) / 1000000)) ms after its upload"
check "watch: --until met by a point appended to an object: exit 0" [ $st -eq 0 ]
check "watch: says where" grep -q '^until	c loss: until .*loss<0\.5 met at step 10 (0\.25)$' "$T/watch.out"
sed 's/^/# watch: /' "$T/watch.out"
check "watch: within the poll interval (0.5 s) and a read" [ $(((t1 - t0) / 1000000)) -lt 3000 ]

# an endpoint that accepts and never answers: the loop still answers
cat >"$T/stall.py" <<'PY'
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
held = []
while True:
    held.append(s.accept()[0])
PY
if command -v python3 >/dev/null 2>&1; then
	python3 "$T/stall.py" "$T/stall.port" &
	STALL=$!
	i=0
	while [ ! -s "$T/stall.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	AWS_ENDPOINT_URL=http://127.0.0.1:$(cat "$T/stall.port") drv_start s3://tblive/live
	sleep 0.5       # the listing is in flight
	t0=$(date +%s%N)
	drv_cmd ping >/dev/null
	t1=$(date +%s%N)
	diag "ping answered in $(((t1 - t0) / 1000000)) ms with a request stalled"
	check "a stalled endpoint never blocks the loop" [ $(((t1 - t0) / 1000000)) -lt 1500 ]
	drv_stop
	kill "$STALL"
else
	skip "no python3 for the stalling endpoint"
fi
done_testing
