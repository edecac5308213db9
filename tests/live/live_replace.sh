#!/bin/sh
# Files that change under the reader: a torn record completed later, rsync
# style replacement (write a copy, rename it over), truncation, and a
# replacement with different content. No point may be lost or doubled.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/live/live_lib.sh"

L="$T/logs"
mkdir -p "$L/a" "$L/b"
F="$L/a/events.out.tfevents.1.host"
"$APPEND" -H "$F" loss 1 1 loss 2 2 loss 3 3
"$APPEND" -H "$L/b/events.out.tfevents.1.host" loss 1 1 loss 2 2
"$APPEND" -H "$L/b/events.out.tfevents.2.host" loss 3 3
drv_start "$L"
B=$(rows b loss 1 1 2 2 3 3)
wait_for "loaded" dump "$(rows a loss 1 1 2 2 3 3; echo "$B")"

"$APPEND" - loss 4 4 >"$T/rec"
head -c 10 "$T/rec" >>"$F"
wait_for "a torn record is not read" dump "$(rows a loss 1 1 2 2 3 3; echo "$B")"
tail -c +11 "$T/rec" >>"$F"
wait_for "the torn record completed later is read once" dump "$(rows a loss 1 1 2 2 3 3 4 4; echo "$B")"

cp "$F" "$T/copy"
"$APPEND" "$T/copy" loss 5 5
mv "$T/copy" "$F"
wait_for "rsync-style replacement (longer copy renamed over) reads only the new point" dump \
	"$(rows a loss 1 1 2 2 3 3 4 4 5 5; echo "$B")"

cp "$F" "$T/copy"
mv "$T/copy" "$F"
"$APPEND" "$F" loss 6 6
wait_for "an identical copy renamed over changes nothing" dump \
	"$(rows a loss 1 1 2 2 3 3 4 4 5 5 6 6; echo "$B")"

: >"$F"
"$APPEND" -H "$F" loss 1 10
wait_for "a truncated file is read again from the start, without duplicates" dump \
	"$(rows a loss 1 10; echo "$B")"

"$APPEND" -H "$T/other" loss 1 20 loss 2 21
mv "$T/other" "$F"
wait_for "a different file renamed over replaces the run's points" dump \
	"$(rows a loss 1 20 2 21; echo "$B")"

: >"$L/b/events.out.tfevents.1.host"
"$APPEND" -H "$L/b/events.out.tfevents.1.host" loss 1 100
# the truncation and the rewrite are two events: the run's other file may be
# read again before the rewritten one, so compare the sets of points
WAIT_FILTER=sort wait_for "truncating one of a run's files re-reads the run, no duplicates" dump \
	"$(rows a loss 1 20 2 21; rows b loss 1 100 3 3 | sort)"

"$APPEND" "$F" loss 3 22
WAIT_FILTER=sort wait_for "the replaced file is followed" dump \
	"$(rows a loss 1 20 2 21 3 22; rows b loss 1 100 3 3 | sort)"
drv_stop
check "no errors reported" test ! -s "$T/err"
done_testing
