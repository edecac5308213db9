#!/bin/sh
# tailboard watch --exec: the command gets the facts in TAILBOARD_RUN, _TAG,
# _STEP, _VALUE and _KIND, and nowhere else: a run named with shell
# metacharacters and escape codes reaches TAILBOARD_RUN byte for byte, is
# never run by a shell, never reaches the command's argv, and watch's own
# output shows it sanitised. A slow command does not hold up the next
# line; a failing one is reported once and stops nothing; its output goes
# to stderr, not into watch's lines.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/live/watch_lib.sh"

L="$T/logs"
O="$T/out"
mkdir -p "$L" "$O" "$T/cwd"
ready_run "$L"
# the name: command substitutions, quotes, globs, redirections, an
# escape sequence (colour red), a tab and a bell
NAME=$(printf '$(touch PWNED1)`touch PWNED2`;touch PWNED3|&<>"\047*?[x]{a,b}~#!\033[31mred\033[0m\t\a')
mkdir "$L/$NAME"
printf '%s' "$NAME" >"$T/name.want"
F="$L/$NAME/events.out.tfevents.1.h"
"$APPEND" -H "$F" 'loss' 1 1
# the user's own command, which names the variables (as a user would)
CMD='printf "%s" "$TAILBOARD_RUN" >"'$O'/run.$TAILBOARD_KIND"; printf "%s|%s|%s|%s" "$TAILBOARD_KIND" "$TAILBOARD_TAG" "$TAILBOARD_STEP" "$TAILBOARD_VALUE" >"'$O'/facts.$TAILBOARD_KIND"; printf "%s\n" "$0" "$#" "$@" >"'$O'/argv.$TAILBOARD_KIND"; echo from-the-command'
(cd "$T/cwd" && exec "$TB_BIN" watch --logdir "$L" --exec "$CMD" --fail-on nan --timeout 30s \
	>"$T/exec.out" 2>"$T/exec.err") &
W_PID=$!
W_NAME=exec
check "up" wait_line '^finished	ready'
"$APPEND" "$F" loss 2 0.5 loss 3 nan
check "NaN line" wait_line '^nan	'
watch_exit
check "exit 4 (--fail-on nan), after the commands ended" test "$W_STATUS" = 4
check "the command ran for the NaN" test -f "$O/run.nan"
check "TAILBOARD_RUN holds the name byte for byte" cmp -s "$T/name.want" "$O/run.nan"
check "TAILBOARD_KIND, _TAG, _STEP, _VALUE" test "$(cat "$O/facts.nan")" = "nan|loss|3|nan"
check "the finished run's command: an empty tag, its last step" test "$(cat "$O/facts.finished")" = "finished||1|0"
check "argv is sh -c CMD and nothing of the name" test "$(cat "$O/argv.nan")" = "$(printf 'sh\n0')"
check "no shell ran anything of the name" test -z "$(find "$T" -name 'PWNED*')"
check "watch's stdout: no escape, tab or bell byte from the name" \
	sh -c "! tr -d '\t\n' <'$T/exec.out' | grep -q \"\$(printf '[\033\007]')\""
check "... the name shown sanitised" grep -qF '$(touch PWNED1)`touch PWNED2`;touch PWNED3|&<>"'"'"'*?[x]{a,b}~#!\x1b[31mred\x1b[0m\x09\x07 loss: NaN at step 3' "$T/exec.out"
check "the command's output went to stderr" grep -q from-the-command "$T/exec.err"
check "... not into watch's lines" sh -c "! grep -q from-the-command '$T/exec.out'"

# a slow command does not hold up reading; a failing one is reported once
L2="$T/slow"
mkdir -p "$L2/r"
ready_run "$L2"
F2="$L2/r/events.out.tfevents.1.h"
"$APPEND" -H "$F2" a 1 1 b 1 1
watch_start slow --logdir "$L2" --exec 'sleep 3; exit 7' --timeout 30s
check "up" wait_line '^finished	ready'
"$APPEND" "$F2" a 2 nan
check "a first NaN" wait_line '^nan	r a:'
t0=$(now_ms)
"$APPEND" "$F2" b 2 nan
check "a second NaN while the first command sleeps" wait_line '^nan	r b:'
lat=$((W_MS - t0))
diag "append -> line with a command running: $lat ms"
check "... not held up by it" test "$lat" -lt 2000
sleep 3.5
"$APPEND" "$F2" a 3 0.5
kill -TERM "$W_PID"
watch_exit
check "SIGTERM: 143" test "$W_STATUS" = 143
check "a failing command is reported once" test "$(grep -c 'exec: the command exited with status 7' "$T/slow.err")" = 1
done_testing
