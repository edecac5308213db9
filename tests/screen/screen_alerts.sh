#!/bin/sh
# screen_alerts.sh: health alerts on the real screen in tmux, with a writer
# this test controls. A run writes, the screens come up (UTF-8 and vt100,
# with and without colour, 80x24 and 40x10), then the writer logs NaN at
# step 30: every screen marks the run "!" in the run list, counts "1 new
# alert (A)" on the status line and draws the NaN on the chart; A lists
# the alert (run, tag, step, value, what fired) and clears the count.
# The bytes each screen wrote to its pty (tmux pipe-pane) hold the
# notification --notify asked for: through tmux's passthrough with TMUX
# set, plain without, GNU screen's DCS with TERM=screen; and none at all
# without --notify; and `watch --notify=osc` sends the same beside its line.
# Then a paused writer: the screen marks the run stalled on its own.
. "$TB_SRCDIR/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
APPEND="$TB_BUILDDIR/tests/tools/tbappend"
[ -x "$APPEND" ] || skip_all "test tools not built (make check builds them)"

SOCK=tbal$$
T="tmux -u -L $SOCK -f /dev/null"
TM=$T
tmp=$(tb_tmpdir)
trap '$T kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT INT TERM
L="$tmp/logs"
mkdir -p "$L/run"
F="$L/run/events.out.tfevents.1.h"
"$APPEND" -H "$F" train/loss 0 1.0 train/loss 10 0.9 train/loss 20 0.8 eval/acc 0 0.1 eval/acc 20 0.3

# start NAME W H LANG TERM ENV ARGS...: the screen in tmux, its pty's bytes in $tmp/NAME.bytes
start() {
	n=$1 w=$2 h=$3 lang=$4 term=$5 envs=$6
	shift 6
	$T new-session -d -s "$n" -x "$w" -y "$h" \
		"env $envs TZ=UTC LANG=$lang LC_ALL=$lang TERM=$term '$TB_BIN' --logdir '$L' $*; echo TB-EXIT-\$?; sleep 30"
	$T pipe-pane -o -t "$n" "cat >'$tmp/$n.bytes'"
}
keys() { $T send-keys -t "$@"; }

start u8 80 24 C.UTF-8 xterm-256color "NO_COLOR=" --notify=bell,osc
start vt 80 24 C vt100 "NO_COLOR=1" --notify=osc
start plain 80 24 C.UTF-8 xterm-256color "-u TMUX" --notify=osc
start gnu 80 24 C.UTF-8 screen "-u TMUX" --notify=osc
start off 80 24 C.UTF-8 xterm-256color "NO_COLOR="
start n40 40 10 C vt100 "NO_COLOR=1"
# watch too, its lines and notifications on the same terminal
$T new-session -d -s w -x 100 -y 10 "env -u TMUX TERM=xterm '$TB_BIN' watch --logdir '$L' --notify=osc; sleep 30"
$T pipe-pane -o -t w "cat >'$tmp/w.bytes'"
for s in u8 vt plain gnu off; do
	wait_pane $s "5 pts" 100 >/dev/null || not_ok "$s: the screen came up"
done
wait_pane n40 "eval/acc" 100 >/dev/null || not_ok "n40: the screen came up"   # 40 columns: no counts
keys n40 '|'            # the run list, hidden under 80 columns until asked for
sleep 1                 # the first load is done: what follows is news
"$APPEND" "$F" train/loss 30 nan train/loss 40 0.7
for s in u8 vt plain gnu off; do
	check "$s: the status line counts the new alert" wait_pane $s "1 new alert (A)" 50
done
check "n40: the status line counts the new alert, cut at 40 columns" wait_pane n40 "ema | 1 new" 50

row() { cap "$1" | grep -F "] run" | head -1; }
check "UTF-8: the run is marked ! beside its live state" sh -c "$T capture-pane -p -t u8 | grep -q '\] run .*!●'"
check "vt100: the run is marked ! beside its live state L" sh -c "$T capture-pane -p -t vt | grep -q '\] run .*!L'"
check "40x10 vt100: the mark and the state within the list" sh -c "$T capture-pane -p -t n40 | grep -q '\] run.*!L|'"
diag "run rows: $(row u8) / $(row vt) / $(row n40)"
for s in u8 vt off; do
	# the run list's row has one '!'; the chart's top row another
	marks=$(cap $s | head -n 22 | tr -cd '!' | wc -c)
	check "$s: the NaN drawn on the train/loss chart too ($marks marks)" test "$marks" -ge 2
done

# the alert list
for s in u8 vt n40; do
	keys $s A
	check "$s: A opens the alert list" wait_pane $s "Alerts: 1, 1 new" 30
	check "$s: run, tag, step, value and what fired" \
		sh -c "$T capture-pane -p -t $s | tr -s ' \n' '  ' | grep -q 'nan run train/loss step 30 = nan: NaN at step 30'"
	keys $s q
	sleep 0.3
	check "$s: seen: the count is gone" sh -c "! $T capture-pane -p -t $s | grep -q 'new alert'"
	check "$s: the mark stays" sh -c "$T capture-pane -p -t $s | grep -q '\] run.*!'"
done
[ -n "${TB_CAPTURE:-}" ] && { keys u8 A; sleep 0.3; cap u8; keys u8 q; }

# the bytes on each pty (pipe-pane is still writing: stop it first)
check "watch: the alert's line" wait_pane w "run train/loss: NaN at step 30" 50
for s in u8 vt plain gnu off w; do $T pipe-pane -t $s; done
sleep 0.3
body='nan: run train/loss: NaN at step 30'
has_bytes() { # FILE PRINTF-FORMAT: the file holds those bytes
	want=$(printf "$2" | od -An -tx1 | tr -d ' \n')
	od -An -tx1 "$1" | tr -d ' \n' | grep -q "$want"
}
E='\033' B='\007'
check "TMUX set: OSC 9 through tmux's passthrough, ESC doubled" \
	has_bytes "$tmp/u8.bytes" "${E}Ptmux;${E}${E}]9;tailboard: $body${B}${E}\\\\"
check "TMUX set: OSC 777 through tmux's passthrough" \
	has_bytes "$tmp/u8.bytes" "${E}Ptmux;${E}${E}]777;notify;tailboard;$body${B}${E}\\\\"
check "--notify=bell,osc: the bell too" has_bytes "$tmp/u8.bytes" "${B}${E}Ptmux;"
check "vt100, --notify=osc: no bell before the notification" sh -c "! od -An -tx1 '$tmp/vt.bytes' | tr -d ' \n' | grep -q '071b50746d7578'"
check "vt100: the same notification" has_bytes "$tmp/vt.bytes" "${E}Ptmux;${E}${E}]9;tailboard: $body${B}"
check "no TMUX: plain OSC 9" has_bytes "$tmp/plain.bytes" "${E}]9;tailboard: $body${B}"
check "no TMUX: plain OSC 777" has_bytes "$tmp/plain.bytes" "${E}]777;notify;tailboard;$body${B}"
check "no TMUX: no passthrough" sh -c "! grep -q 'Ptmux' '$tmp/plain.bytes'"
check "TERM=screen, no TMUX: GNU screen's DCS" has_bytes "$tmp/gnu.bytes" "${E}P${E}]9;tailboard: $body${B}${E}\\\\"
check "watch --notify=osc on a terminal: OSC 9 there too" has_bytes "$tmp/w.bytes" "${E}]9;tailboard: $body${B}"
check "watch: OSC 777" has_bytes "$tmp/w.bytes" "${E}]777;notify;tailboard;$body${B}"
check "without --notify: no OSC 9 or 777" sh -c "! grep -qa -e ']9;' -e ']777;' '$tmp/off.bytes'"
check "without --notify: no bell" sh -c "! od -An -tx1 '$tmp/off.bytes' | grep -q ' 07'"
check "without --notify: the screen drew (the check saw bytes)" test -s "$tmp/off.bytes"
for s in u8 vt plain gnu off n40; do
	keys $s q
	check "$s: quits cleanly" wait_pane $s "TB-EXIT-0" 50
done

# a paused writer: with --alert stall=2s the screen wakes for the stall by
# itself (no key, no write) and marks the run stalled; writing again clears it
L2="$tmp/stall"
mkdir -p "$L2/w"
"$APPEND" -H "$L2/w/events.out.tfevents.1.h" loss 1 1
L=$L2
start st 80 24 C.UTF-8 xterm-256color "NO_COLOR=" --alert stall=2s
start stv 80 24 C vt100 "NO_COLOR=1" --alert stall=2s
wait_pane st "1 pt" 100 >/dev/null
wait_pane stv "1 pt" 100 >/dev/null
sleep 1
"$APPEND" "$L2/w/events.out.tfevents.1.h" loss 2 0.9 loss 3 0.8
check "stall: the status line counts it" wait_pane st "1 new alert (A)" 60
check "stall: UTF-8 marks the run ‖" sh -c "$T capture-pane -p -t st | grep -q '\] w .*‖'"
check "stall: vt100 marks the run Z beside its live state" wait_pane stv "ZL|" 30
keys st A
check "stall: listed" wait_pane st "stall    w step 3: no writes for" 30
keys st q
"$APPEND" "$L2/w/events.out.tfevents.1.h" loss 4 0.7
check "writing again clears the mark" sh -c "sleep 1; ! $T capture-pane -p -t st | grep -q '‖'"
done_testing
