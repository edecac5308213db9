#!/bin/sh
# Following a logdir with inotify: appends, new files, new (nested) runs,
# deleted runs, a logdir that does not exist yet, one that vanishes and
# comes back.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/live/live_lib.sh"

L="$T/logs"
mkdir -p "$L/a"
"$APPEND" -H "$L/a/events.out.tfevents.1.host" loss 1 1 loss 2 2
drv_start "$L" "$T/later/x"

want=$(rows a loss 1 1 2 2)
wait_for "existing run is loaded" dump "$want"
check "status says inotify, waiting for the missing logdir" \
	test "$(drv_cmd describe)" = "inotify, waiting for 1 logdir"

"$APPEND" "$L/a/events.out.tfevents.1.host" loss 3 3
want=$(rows a loss 1 1 2 2 3 3)
wait_for "append to an existing file" dump "$want"

"$APPEND" -H "$L/a/events.out.tfevents.2.host" loss 4 4
want=$(rows a loss 1 1 2 2 3 3 4 4)
wait_for "new file in a run" dump "$want"

mkdir "$L/b"
"$APPEND" -H "$L/b/events.out.tfevents.1.host" acc 1 0.5
want=$(rows a loss 1 1 2 2 3 3 4 4; rows b acc 1 0.5)
wait_for "new run directory" dump "$want"

mkdir -p "$L/c/d/e" && "$APPEND" -H "$L/c/d/e/events.out.tfevents.1.host" loss 7 7
want=$(rows a loss 1 1 2 2 3 3 4 4; rows b acc 1 0.5; rows c/d/e loss 7 7)
wait_for "nested run made with mkdir -p, file written at once" dump "$want"

"$APPEND" "$L/c/d/e/events.out.tfevents.1.host" loss 8 8
want=$(rows a loss 1 1 2 2 3 3 4 4; rows b acc 1 0.5; rows c/d/e loss 7 7 8 8)
wait_for "the nested directory is watched too" dump "$want"

rm -rf "$L/b"
want=$(printf 'a\t4\tlive\nb\t1\tstale\nc/d/e\t2\tlive')
wait_for "deleted run keeps its points and is stale" runs "$want"

rm "$L/c/d/e/events.out.tfevents.1.host"
want=$(printf 'a\t4\tlive\nb\t1\tstale\nc/d/e\t2\tstale')
wait_for "run whose only file is deleted is stale" runs "$want"

"$APPEND" -H "$L/c/d/e/events.out.tfevents.1.host" loss 9 9
want=$(printf 'a\t4\tlive\nb\t1\tstale\nc/d/e\t1\tlive')
wait_for "a file written again under the same name makes the run live" runs "$want"

mkdir -p "$T/later/x/r"
"$APPEND" -H "$T/later/x/r/events.out.tfevents.1.host" loss 1 5
wait_for "a logdir that did not exist is picked up when it appears" runs \
	"$(printf 'a\t4\tlive\nb\t1\tstale\nc/d/e\t1\tlive\nr\t1\tlive')"
check "status no longer waits" test "$(drv_cmd describe)" = "inotify"

rm -rf "$T/later"
wait_for "a vanished logdir's runs are stale" runs \
	"$(printf 'a\t4\tlive\nb\t1\tstale\nc/d/e\t1\tlive\nr\t1\tstale')"
check "the vanished logdir is reported" grep -q "logdir vanished" "$T/err"
check "status waits for it" test "$(drv_cmd describe)" = "inotify, waiting for 1 logdir"

mkdir -p "$T/later/x/r"
"$APPEND" "$T/later/x/r/events.out.tfevents.1.host" loss 1 5 loss 2 6
wait_for "a logdir that returns is picked up again (rewritten file read once)" dump \
	"$(rows a loss 1 1 2 2 3 3 4 4; rows b acc 1 0.5; rows c/d/e loss 9 9; rows r loss 1 5 2 6)"
drv_stop
check "no errors reported but the vanished logdir" \
	test "$(grep -v 'logdir vanished' "$T/err" | grep -vc 'No such file')" = 0
done_testing
