#!/bin/sh
# fault_signals.sh: the screen in tmux under signals: a SIGWINCH storm
# (the screen still answers keys), and SIGTERM, SIGHUP and SIGINT, after
# which the terminal is given back: shell prompt, no alternate screen,
# cursor visible, echo and canonical mode on.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/fault/hardening_lib.sh"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
T=$(tb_tmpdir)
SOCK=tbsig$$
TM="tmux -u -L $SOCK -f /dev/null"
trap '$TM kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT INT TERM
mkdir -p "$T/L/a" "$T/L/b"
printf 'header\nmany loss 5000\n' | "$TBW" "$T/L/a/events.out.tfevents.1.h"
printf 'header\nmany acc 5000\n' | "$TBW" "$T/L/b/events.out.tfevents.1.h"

# start NAME: tailboard in a pane; its pid in $T/pid.NAME; after it exits
# the pane prints its status and the terminal's modes
start() {
	$TM new-session -d -s "$1" -x 120 -y 40 \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color sh -c 'echo \$\$ >$T/pid.$1; exec \"$TB_BIN\" --logdir \"$T/L\"'; echo TB-EXIT-\$?; stty -a | tr -s ' ;\n' '\n\n\n' | grep -x -e echo -e icanon -e -echo -e -icanon | tr '\n' ' '; echo TB-MODES; sleep 60"
	wait_pane "$1" "loss" && [ -s "$T/pid.$1" ]
}

# -- SIGWINCH storm, with resizes among the signals -------------------------
check "screen up" start winch
pid=$(cat "$T/pid.winch")
i=0
while [ $i -lt 2000 ] && kill -WINCH "$pid" 2>/dev/null; do
	i=$((i + 1))
	[ $((i % 500)) -eq 0 ] && $TM resize-window -t winch -x $((80 + i / 50)) -y $((24 + i / 100))
done
check "2000 SIGWINCH delivered, the process lives ($i)" kill -0 "$pid"
$TM resize-window -t winch -x 100 -y 30
$TM send-keys -t winch ']'
check "after the storm: a key still acts (smoothing 0.65)" wait_pane winch "0.65"
check "after the storm: drawn at the last size (30 rows)" test "$(cap winch | wc -l)" -eq 30
$TM send-keys -t winch q
check "after the storm: q exits 0" wait_pane winch "TB-EXIT-0"

# -- SIGTERM, SIGHUP, SIGINT give the terminal back ------------------------
for sig in TERM HUP INT; do
	s=$(echo "$sig" | tr 'A-Z' 'a-z')
	start "$s" >/dev/null || { not_ok "SIG$sig: screen did not start"; continue; }
	kill -"$sig" "$(cat "$T/pid.$s")"
	if wait_pane "$s" "TB-MODES"; then
		ok "SIG$sig: tailboard exits and the shell runs again"
	else
		not_ok "SIG$sig: tailboard did not exit"
		continue
	fi
	case $sig in TERM) num=15 ;; HUP) num=1 ;; INT) num=2 ;; esac
	check "SIG$sig: exit status 128+$num, as for a signal" wait_pane "$s" "TB-EXIT-$((128 + num))"
	check "SIG$sig: alternate screen left" test "$($TM display -p -t "$s" '#{alternate_on}')" = 0
	check "SIG$sig: cursor visible" test "$($TM display -p -t "$s" '#{cursor_flag}')" = 1
	check "SIG$sig: echo and canonical mode restored" sh -c "$TM capture-pane -p -t $s | grep -q '^icanon echo TB-MODES'"
done
done_testing
