#!/bin/sh
# termsafe_screen.sh: run names and tags that try to drive the terminal
# (OSC 52 clipboard, title set, cursor moves and a status request, DCS, C1
# bytes, a bidi override, CR/BS/TAB, invalid UTF-8, zero-width and wide
# characters). In tmux the layout stays intact and the title unchanged;
# on a pty, the raw bytes tailboard writes carry no payload and no control
# ncurses would not send. Both tiers: xterm-256color + C.UTF-8, vt100 + C.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/fault/hardening_lib.sh"
T=$(tb_tmpdir)
SOCK=tbts$$
TM="tmux -u -L $SOCK -f /dev/null"
trap '$TM kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT INT TERM
hostile_logdir "$T/L"

# -- raw bytes on a pty, with every overlay and the error list opened ------
command -v script >/dev/null 2>&1 || skip "script (util-linux) not installed: raw bytes not checked"
if command -v script >/dev/null 2>&1; then
	# an unreadable hostile path puts the payload into the error list too
	mkfifo "$T/L/$(printf 'err\033]0;pwned\007')events.out.tfevents.x"
	for tier in "xterm-256color C.UTF-8" "vt100 C"; do
		set -- $tier
		ascii=
		[ "$2" = C ] && ascii=--ascii
		pty_capture "$T/raw" 150 50 "TERM=$1 LANG=$2 LC_ALL=$2 '$TB_BIN' --logdir '$T/L' --frames 4"
		st=$?
		check "$1/$2: --frames 4 exits 0 on the hostile logdir (status $st)" test $st -eq 0
		check "$1/$2: output is not empty" test -s "$T/raw"
		check "$1/$2: no payload reaches the terminal raw" no_payloads "$T/raw"
		"$TTYSCAN" $ascii "$T/raw" >"$T/scan"
		check "$1/$2: every control is one ncurses sends ($(wc -l <"$T/scan") findings)" test ! -s "$T/scan"
		sed 's/^/# /' "$T/scan"
	done
	rm "$T/L/$(printf 'err\033]0;pwned\007')events.out.tfevents.x"
fi

# -- tmux: the layout and the title -----------------------------------------
command -v tmux >/dev/null 2>&1 || { skip "tmux not installed"; done_testing; }
for tier in "u8 xterm-256color C.UTF-8" "vt vt100 C"; do
	set -- $tier
	s=$1
	$TM new-session -d -s "$s" -x 150 -y 50 \
		"printf '\033]2;TB-TITLE\033\\\\'; env LANG=$3 LC_ALL=$3 TERM=$2 '$TB_BIN' --logdir '$T/L'; echo TB-EXIT-\$?; sleep 60"
	check "$s: the screen comes up" wait_pane "$s" "best 6 @ 1"
	title0=$($TM display -p -t "$s" '#{pane_title}')
	# walk everything that prints names: charts, maximised charts, cursor
	# readout, help, the error list, a filter prompt
	for k in Tab j Enter l l Escape j Enter Escape '?' q e q / 'x' Escape Tab k; do
		$TM send-keys -t "$s" "$k"
	done
	$TM send-keys -t "$s" ']'
	check "$s: still answering after the walk (smoothing 0.65)" wait_pane "$s" "0.65"
	cap "$s" >"$T/pane"
	check "$s: the title is unchanged ($title0)" test "$($TM display -p -t "$s" '#{pane_title}')" = "$title0"
	check "$s: the title was never 'pwned'" sh -c "! $TM display -p -t $s '#{pane_title}' | grep -q pwned"
	check "$s: 50 rows, the status line on the last" sh -c "test \$(wc -l <'$T/pane') -eq 50 && tail -n 1 '$T/pane' | grep -q 'smoothing'"
	check "$s: the help line sits above the status line" sh -c "tail -n 2 '$T/pane' | head -n 1 | grep -q 'q quit'"
	check "$s: escapes are shown as text (\\x1b)" grep -qF '\x1b' "$T/pane"
	# a CR, BS or cursor move that acted would break the run list's border
	sep='│'
	[ "$s" = vt ] && sep='|'
	n=$(grep -c -F "$sep" "$T/pane")
	check "$s: the border runs down all 48 rows above the help line ($n)" test "$n" -ge 48
	$TM send-keys -t "$s" q
	check "$s: q exits 0" wait_pane "$s" "TB-EXIT-0"
	check "$s: alternate screen left" test "$($TM display -p -t "$s" '#{alternate_on}')" = 0
done
done_testing
