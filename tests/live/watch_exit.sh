#!/bin/sh
# tailboard watch's exit codes: --until met (0), on points already on disk
# or written later, for any run or one picked by run~REGEX:; --timeout
# with --until unmet (3) or without --until (0); --fail-on (4); --once;
# bad rules and expressions (2, before anything is read).
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/live/watch_lib.sh"

L="$T/logs"
mkdir -p "$L/a" "$L/b"
ready_run "$L"
FA="$L/a/events.out.tfevents.1.h"
FB="$L/b/events.out.tfevents.1.h"
"$APPEND" -H "$FA" loss 1 1
"$APPEND" -H "$FB" loss 1 1

# --- --until met by points written later
watch_start until --logdir "$L" --until 'loss<0.3' --timeout 30s
check "up" wait_line '^finished	ready'
"$APPEND" "$FA" loss 2 0.5 loss 3 0.4
sleep 0.3
check "not met yet: still running" kill -0 "$W_PID"
"$APPEND" "$FA" loss 4 0.25 loss 5 0.2
check "met at the first point under 0.3" wait_line '^until	a loss: until loss<0\.3 met at step 4 \(0\.25\)$'
watch_exit
check "--until met: exit 0" test "$W_STATUS" = 0
check "one until line" test "$(grep -c '^until' "$T/until.out")" = 1

# --- met by what is on disk when watch starts
"$TB_BIN" watch --logdir "$L" --until 'loss<=0.4' --timeout 30s >"$T/disk.out" 2>&1
check "met on disk: exit 0 at once" test $? = 0
check "... saying where" grep -q '^until	a loss: until loss<=0\.4 met at step 3 (0\.4)$' "$T/disk.out"

# --- run~REGEX: picks the run
watch_start re --logdir "$L" --json --until 'run~^B$:loss>=5' --timeout 30s
check "up" wait_line '"kind":"finished"'
"$APPEND" "$FA" loss 6 9
sleep 0.3
check "another run's point does not meet it" kill -0 "$W_PID"
"$APPEND" "$FB" loss 2 5
check "run b's does (the regex ignores case)" \
	wait_line '^\{"kind":"until","run":"b","tag":"loss","step":2,"value":5,'
watch_exit
check "exit 0" test "$W_STATUS" = 0

# --- --timeout
t0=$(now_ms)
"$TB_BIN" watch --logdir "$L" --until 'loss<0' --timeout 1s >"$T/to.out" 2>&1
st=$?
took=$(($(now_ms) - t0))
check "--until not met by --timeout: exit 3" test "$st" = 3
diag "took $took ms"
check "... after the timeout" test "$took" -ge 1000 -a "$took" -lt 5000
"$TB_BIN" watch --logdir "$L" --timeout 0.5s >/dev/null 2>&1
check "--timeout without --until: exit 0" test $? = 0

# --- --fail-on: the first alert of those kinds ends it, after its turn's lines
mkdir -p "$L/c"
"$APPEND" -H "$L/c/events.out.tfevents.1.h" acc 1 nan
"$TB_BIN" watch --logdir "$L" --fail-on nan,stall --timeout 30s >"$T/fail.out" 2>&1
check "--fail-on nan with a NaN on disk: exit 4" test $? = 4
check "... after printing it" grep -q '^nan	c acc: NaN at step 1$' "$T/fail.out"
"$TB_BIN" watch --logdir "$L" --fail-on spike --until 'loss<0.3' --timeout 30s >"$T/nofail.out" 2>&1
check "another kind's alert does not fail it (until met: 0)" test $? = 0

# --- --once
"$TB_BIN" watch --once --logdir "$L" >"$T/once.out" 2>&1
check "--once: exit 0" test $? = 0
check "--once: counts by kind last" \
	sh -c "tail -n 1 '$T/once.out' | grep -q '^summary	4 runs, 4 series, [0-9]* points: 2 alerts: nan=1 spike=0 plateau=0 diverge=0 stall=0 stopped=0 finished=1$'"
"$TB_BIN" watch --once --logdir "$L" --until 'loss>100' >/dev/null 2>&1
check "--once, --until not met: exit 3" test $? = 3
"$TB_BIN" watch --once --logdir "$L" --fail-on nan --until 'loss<1' >/dev/null 2>&1
check "--once, --fail-on and --until both: 4 wins" test $? = 4
"$TB_BIN" watch --once --logdir "$T/nowhere" >/dev/null 2>&1
check "--once on a logdir that does not exist: exit 1" test $? = 1
"$TB_BIN" watch --once --until 'loss<1' --logdir "$T/nowhere" >/dev/null 2>&1
check "... with --until too" test $? = 1

# --- a reader that goes away (watch | head -n 1) ends watch quietly
"$TB_BIN" watch --logdir "$L" --timeout 30s 2>"$T/pipe.err" | head -n 1 >/dev/null
check "a closed pipe ends watch without a message" test ! -s "$T/pipe.err"

# --- bad usage: exit 2 before reading
for bad in "--alert spik" "--alert stall:x=1m" "--alert spike=-1" "--until loss" "--until run~(:loss<1" \
	"--until loss<x" "--fail-on nan,bogus" "--timeout 0" "--timeout 5parsecs"; do
	# shellcheck disable=SC2086
	"$TB_BIN" watch --logdir "$L" $bad >"$T/bad.out" 2>"$T/bad.err"
	st=$?
	check "$bad: exit 2 with a message" sh -c "test $st = 2 && test -s '$T/bad.err' && test ! -s '$T/bad.out'"
done
check "a bad rule shows the rules' usage" sh -c "'$TB_BIN' watch --logdir '$L' --alert spik 2>&1 | grep -q 'alert rules:'"
"$TB_BIN" export --logdir "$L" --until 'loss<1' >/dev/null 2>&1
check "--until without watch: exit 2" test $? = 2
done_testing
