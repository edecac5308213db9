#!/bin/sh
# The built-in demo writes live runs; a temporary logdir is removed at the
# end, a --demo-dir is kept.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/live/live_lib.sh"

four_live='[ "$(echo "$got" | grep -c "^lr_.*	[1-9][0-9]*	live$")" = 4 ]'
drv_start --demo --demo-dir "$T/demo"
wait_until "demo writes four live runs into --demo-dir" runs "$four_live"
n1=$(drv_cmd dump | grep -c 'train/loss')
wait_until "the demo keeps writing" dump "[ \$(echo \"\$got\" | grep -c train/loss) -gt $n1 ]"
wait_until "the demo logs eval loss, accuracy and the learning rate" dump \
	'echo "$got" | grep -q "eval/loss" && echo "$got" | grep -q "eval/accuracy" && echo "$got" | grep -q "train/learning_rate"'
drv_stop
check "--demo-dir is kept" test -d "$T/demo"
check "it holds event files" sh -c "ls '$T'/demo/lr_*/events.out.tfevents.* >/dev/null"

mkdir "$T/tmp"
TMPDIR="$T/tmp" drv_start --demo
wait_until "demo in a temporary logdir" runs "$four_live"
check "the temporary logdir exists while running" sh -c "ls -d '$T'/tmp/tailboard-demo.* >/dev/null"
drv_stop
check "the temporary logdir is removed" test -z "$(ls "$T/tmp")"
done_testing
