#!/bin/sh
# --poll: the same changes seen by rescanning sizes and mtimes.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/live/live_lib.sh"

L="$T/logs"
mkdir -p "$L/a"
F="$L/a/events.out.tfevents.1.host"
"$APPEND" -H "$F" loss 1 1
drv_start --poll=0.2 "$L"
wait_for "loaded" dump "$(rows a loss 1 1)"
check "status says polling and why" test "$(drv_cmd describe)" = "polling 0.2s (--poll)"

"$APPEND" "$F" loss 2 2
wait_for "append seen by polling" dump "$(rows a loss 1 1 2 2)"

mkdir -p "$L/b/c"
"$APPEND" -H "$L/b/c/events.out.tfevents.1.host" acc 1 0.5
wait_for "new nested run seen by polling" dump "$(rows a loss 1 1 2 2; rows b/c acc 1 0.5)"

cp "$F" "$T/copy"
"$APPEND" "$T/copy" loss 3 3
mv "$T/copy" "$F"
wait_for "replacement seen by polling, no duplicates" dump "$(rows a loss 1 1 2 2 3 3; rows b/c acc 1 0.5)"

: >"$F"
"$APPEND" -H "$F" loss 1 7
wait_for "truncation seen by polling" dump "$(rows a loss 1 7; rows b/c acc 1 0.5)"

rm -rf "$L/b"
wait_for "deleted run is stale" runs "$(printf 'a\t1\tlive\nb/c\t1\tstale')"
drv_stop
check "no errors reported" test ! -s "$T/err"
done_testing
