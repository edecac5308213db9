#!/bin/sh
# A flood of events while the watcher is stopped overflows the kernel queue
# (IN_Q_OVERFLOW); the full rescan that follows must find what changed.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/live/live_lib.sh"

max=$(cat /proc/sys/fs/inotify/max_queued_events 2>/dev/null || echo 16384)
[ "$max" -le 200000 ] || skip_all "inotify queue too large to flood ($max)"
L="$T/logs"
mkdir -p "$L/a" "$L/junk"
"$APPEND" -H "$L/a/events.out.tfevents.1.host" loss 1 1
drv_start "$L"
wait_for "loaded" dump "$(rows a loss 1 1)"

kill -STOP "$DRV_PID"
(cd "$L/junk" && seq -f 'f%.0f.txt' 1 "$max" | xargs touch)
"$APPEND" "$L/a/events.out.tfevents.1.host" loss 2 2
mkdir -p "$L/new/deep"
"$APPEND" -H "$L/new/deep/events.out.tfevents.1.host" loss 3 3
kill -CONT "$DRV_PID"

wait_for "after the flood, appends and new runs are all there" dump \
	"$(rows a loss 1 1 2 2; rows new/deep loss 3 3)"
stats=$(drv_cmd stats)
check "the queue overflowed" sh -c "echo '$stats' | grep -q '^overflows [1-9]'"
"$APPEND" "$L/new/deep/events.out.tfevents.1.host" loss 4 4
wait_for "directories made during the overflow are watched after the rescan" dump \
	"$(rows a loss 1 1 2 2; rows new/deep loss 3 3 4 4)"
drv_stop
check "no errors reported" test ! -s "$T/err"
done_testing
