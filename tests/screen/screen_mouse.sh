#!/bin/sh
# screen_mouse.sh: the mouse on the real screen in tmux, on the HF Trainer
# 5-run sweep. tmux's send-keys -M needs a real mouse event, so the
# terminal's reports are written to the pane as the terminal would send
# them: SGR 1006 (\e[<B;X;YM press, ...m release; B 64/65 the wheel, 32
# motion with button 1) under TERM=xterm-256color, whose kmous is SGR's,
# and X10 (\e[M + three bytes) under TERM=screen, whose kmous is \e[M.
# A click selects a run and a chart, a double click maximises (again:
# back), the wheel zooms x, a drag pans it; --no-mouse asks the terminal
# for nothing and drops what comes; no escape bytes reach the screen.
. "$TB_SRCDIR/tests/lib.sh"

[ -n "${TB_REALDATA:-}" ] || skip_all "realdata absent"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
D=$TB_REALDATA/tfevents/AguLeon__LoRA_RoBERTa_AGNews
[ -d "$D" ] || skip_all "HF Trainer sweep not found in realdata"

T="tmux -u -L tbmouse$$ -f /dev/null"
trap '$T kill-server >/dev/null 2>&1' EXIT INT TERM
TM=$T
wait_for() { wait_pane "$1" "$2" 50; }
start() { # start NAME TERM [args...]
	n=$1 term=$2
	shift 2
	$T new-session -d -s "$n" -x 120 -y 40 \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=$term NO_COLOR= '$TB_BIN' --logdir '$D' $*; echo TB-EXIT-\$?; sleep 30"
}
# sgr NAME B X Y [m]: one SGR report (1-based cell), a press unless m;
# each its own write, as a hand makes them
sgr() { $T send-keys -t "$1" -l "$(printf '\033[<%s;%s;%s%s' "$2" "$3" "$4" "${5:-M}")"; sleep 0.05; }
click() { sgr "$1" 0 "$2" "$3"; sgr "$1" 0 "$2" "$3" m; }
# dbl_then NAME X Y CMD...: a double click at (X, Y) until CMD holds. Its
# two presses must reach the program 0.4 s apart at most, in two reads: on
# a machine loaded enough (the sanitisers' build under CI) a hand's double
# click can arrive as two clicks, which select the chart again and change
# nothing else, so it is tried again, three times at most, each given 5 s.
dbl_then() {
	_n=$1 _x=$2 _y=$3
	shift 3
	_i=0
	while [ $_i -lt 3 ]; do
		click "$_n" "$_x" "$_y"; click "$_n" "$_x" "$_y"
		"$@" && return 0
		_i=$((_i + 1))
		diag "the double click was read as two clicks (try $_i)"
	done
	return 1
}
# the 1-based row of the first line holding TEXT
row() { cap "$1" | awk -v s="$2" 'index($0, s) { print NR; exit }'; }
# the x axis' labels of the first chart on screen
axis() { cap "$1" | grep -m1 -E '^.*│ step |^step ' ; }
# a title drawn reversed (the selected chart, the grid focused)
reversed() { $T capture-pane -p -e -t "$1" | grep -q "7m$2"; }
# no report's bytes on screen ("[<0;5;4M" read as text)
no_leaks() { ! cap "$1" | grep -qE '\[<|[0-9];[0-9]+;[0-9]'; }
no_zoom() { ! cap "$1" | grep -q ', zoom'; }

start m xterm-256color
check "the sweep is up" wait_for m "[x] run4"
check "the mouse is asked for with button motion (1002) in SGR form (1006)" \
	test "$($T display -p -t m '#{mouse_button_flag}#{mouse_sgr_flag}')" = 11

y=$(row m "[x] run2")
click m 5 "$y"
check "click on a run selects it" wait_for m "run runs/run2 |"

# eval/loss: the second chart of the first row (the grid from column 27)
y=$(row m "eval/loss")
click m 100 $((y + 3))
sleep 0.3
check "click on a chart selects it (its title reversed)" reversed m eval/loss

check "double click maximises it" dbl_then m 100 $((y + 3)) wait_gone m "eval/accuracy" 50
check "the maximised chart is the one clicked" wait_for m "eval/loss"

before=$(axis m)
sgr m 64 100 20
sgr m 64 100 20
sleep 0.4
diag "axis before: $before" "axis after:  $(axis m)"
check "the wheel zooms x: the axis changes" test -n "$before" -a "$(axis m)" != "$before"
check "the status line says zoom" wait_for m ", zoom"
zoomed=$(axis m)
sgr m 0 40 20; sgr m 32 50 20; sgr m 32 60 20; sgr m 32 70 20; sgr m 0 70 20 m
sleep 0.4
diag "axis dragged: $(axis m)"
check "a drag pans x: the axis changes" test "$(axis m)" != "$zoomed"
sgr m 65 100 20; sgr m 65 100 20; sgr m 65 100 20; sgr m 65 100 20
check "the wheel down zooms out again" wait_gone m ", zoom"

check "double click again: back to the grid" dbl_then m 60 10 wait_pane m "eval/accuracy" 50
check "no escape bytes on screen" no_leaks m
$T send-keys -t m 4
check "keys still work after the mouse" wait_for m "run runs/run3 |"
$T send-keys -t m q
check "quits cleanly" wait_for m "TB-EXIT-0"
check "the terminal's mouse mode is off again" test "$($T display -p -t m '#{mouse_any_flag}')" = 0

# -- Ctrl-Z and fg: ncurses asks for its own mode again; a press asks for drags -----
start z xterm-256color
wait_for z "[x] run4" >/dev/null
pid=$(pgrep -P "$($T display -p -t z '#{pane_pid}')" 2>/dev/null | head -1)
if [ -n "$pid" ]; then
	kill -TSTP "$pid"; sleep 0.3; kill -CONT "$pid"; sleep 0.5
	click z 40 10
	sleep 0.3
	check "after Ctrl-Z and fg, a press asks for drags again" test "$($T display -p -t z '#{mouse_button_flag}')" = 1
	$T send-keys -t z q
	check "and quits cleanly" wait_for z "TB-EXIT-0"
else
	skip "no pgrep: Ctrl-Z not tried"
	skip "no pgrep: Ctrl-Z not tried"
fi

# -- X10 reports, where terminfo's kmous is \e[M (tmux's own TERM) ---------------
start x screen
wait_for x "[x] run4" >/dev/null
y=$(row x "[x] run2")
$T send-keys -t x -l "$(printf '\033[M %s%s' "$(printf "\\$(printf %o $((32 + 5)))")" "$(printf "\\$(printf %o $((32 + y)))")")"
sleep 0.05
$T send-keys -t x -l "$(printf '\033[M#%s%s' "$(printf "\\$(printf %o $((32 + 5)))")" "$(printf "\\$(printf %o $((32 + y)))")")"
check "TERM=screen: an X10 click selects a run" wait_for x "run runs/run2 |"

# -- --no-mouse ------------------------------------------------------------------
start n xterm-256color --no-mouse
wait_for n "[x] run4" >/dev/null
check "--no-mouse: the terminal is not asked to report" test "$($T display -p -t n '#{mouse_any_flag}')" = 0
y=$(row n "[x] run2")
click n 5 "$y"
y=$(row n "eval/loss")
sgr n 0 60 $((y + 3)); sgr n 0 60 $((y + 3)) m; sgr n 0 60 $((y + 3)); sgr n 0 60 $((y + 3)) m
sgr n 64 100 20
sleep 0.5
check "--no-mouse: a click selects nothing" wait_for n "run runs/run0 |"
check "--no-mouse: nothing maximised" wait_for n "eval/accuracy"
check "--no-mouse: no zoom" no_zoom n
check "--no-mouse: the bytes were not read as keys (smoothing, system pane as they were)" \
	sh -c "$T capture-pane -p -t n | grep -q 'smoothing 0.60 .* ema |' && ! $T capture-pane -p -t n | grep -q 'system (M'"
check "--no-mouse: no escape bytes on screen" no_leaks n
$T send-keys -t n j
check "--no-mouse: keys work" wait_for n "run runs/run1 |"

# -- --frames and --print never ask --------------------------------------------
start f xterm-256color --frames 100000
wait_for f "[x] run4" >/dev/null
check "--frames: the terminal is not asked to report" test "$($T display -p -t f '#{mouse_any_flag}')" = 0
$T send-keys -t f q
n=$(TERM=xterm-256color "$TB_BIN" --print --logdir "$D" | grep -c "$(printf '\033')\[?100")
check "--print: no mouse mode in its bytes ($n)" test "$n" -eq 0

done_testing
