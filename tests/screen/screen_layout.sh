#!/bin/sh
# screen_layout.sh: the grid's shape and pinned runs on the real screen in
# tmux, on the HF Trainer 5-run sweep (eval: 5 charts, train: 10): the #
# prompt's 2x2 shows four charts a page and pages on, --grid 1x1 one, a
# shape too big for 40x10 keeps charts readable, the shape survives a
# resize and maximising, and * lists a run first; in UTF-8 and in
# LANG=C TERM=vt100 without colour.
. "$TB_SRCDIR/tests/lib.sh"

[ -n "${TB_REALDATA:-}" ] || skip_all "realdata absent"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
D=$TB_REALDATA/tfevents/AguLeon__LoRA_RoBERTa_AGNews
[ -d "$D" ] || skip_all "HF Trainer sweep not found in realdata"

T="tmux -u -L tblayout$$ -f /dev/null"
trap '$T kill-server >/dev/null 2>&1' EXIT INT TERM
TM=$T
wait_for() { wait_pane "$1" "$2" 50; }
start() { # start NAME WIDTH HEIGHT LANG TERM NO_COLOR [args...]
	n=$1 w=$2 h=$3 lang=$4 term=$5 nc=$6
	shift 6
	$T new-session -d -s "$n" -x "$w" -y "$h" \
		"env LANG=$lang LC_ALL=$lang TERM=$term NO_COLOR=$nc '$TB_BIN' --logdir '$D' $*; echo TB-EXIT-\$?; sleep 30"
}
keys() { $T send-keys -t "$@"; }
# the charts on screen: the distinct tags their titles name
charts() { cap "$1" | grep -oE '(eval|train)/[a-z_]+' | sort -u | wc -l; }
tags() { cap "$1" | grep -oE '(eval|train)/[a-z_]+' | sort -u | tr '\n' ' '; }
# the run list's first row
first_run() { cap "$1" | sed -n 2p | grep -oE 'run[0-9]' | head -1; }

# -- --grid on the command line ---------------------------------------------------
out=$("$TB_BIN" --grid 2x99 --logdir "$D" 2>&1); rc=$?
check "--grid 2x99: a usage error ($rc)" test "$rc" -eq 2
check "--grid 2x99: says what it wants" sh -c "echo '$out' | grep -q 'ROWSxCOLS'"

# -- the # prompt --------------------------------------------------------------
start g 120 40 C.UTF-8 xterm-256color ""
check "prompt: the sweep is up" wait_for g "[x] run4"
keys g '#'
check "prompt: # asks for ROWSxCOLS" wait_for g "grid ROWSxCOLS (0: automatic):"
keys g 2x2 Enter
check "prompt: 2x2 is taken" wait_for g "grid 2x2 page 1/"
n=$(charts g)
check "prompt: 2x2 shows four charts ($n)" test "$n" -eq 4
p1=$(tags g)
keys g Tab PgDn
check "prompt: PgDn shows page 2" wait_for g "grid 2x2 page 2/"
p2=$(tags g)
check "prompt: page 2 has other charts ($p2)" test "$p1" != "$p2"
keys g Enter
sleep 0.3
keys g Escape
check "prompt: the shape stays through maximise and Esc" wait_for g "grid 2x2 page 2/"
$T resize-window -t g -x 160 -y 48
sleep 0.5
check "prompt: and through a resize" wait_for g "grid 2x2 page"
keys g w
check "prompt: w adds a column" wait_for g "grid 2x3 page"
keys g z
check "prompt: z adds a row" wait_for g "grid 3x3 page"
n=$(charts g)
check "prompt: 3x3 at 160x48 shows up to nine charts ($n)" test "$n" -ge 4 -a "$n" -le 9
keys g '#'
wait_for g "grid ROWSxCOLS" >/dev/null
keys g BSpace BSpace BSpace 0 Enter
check "prompt: 0 is automatic again" wait_gone g "grid 3x3"

# -- --grid 1x1 ----------------------------------------------------------------
start one 120 40 C.UTF-8 xterm-256color "" --grid 1x1
check "--grid 1x1: a page a chart" wait_for one "grid 1x1 page 1/"
n=$(charts one)
check "--grid 1x1: one chart on screen ($n)" test "$n" -eq 1

# -- 40x10: too big a shape degrades -----------------------------------------
for tier in "C.UTF-8 xterm-256color" "C vt100"; do
	set -- $tier
	name=small$(echo "$2" | tr -dc a-z0-9)
	start "$name" 40 10 "$1" "$2" 1 --grid 4x4
	check "40x10 $1: the screen comes up" wait_for "$name" "eval/"
	n=$(charts "$name")
	check "40x10 $1: charts stay readable, two at most ($n)" test "$n" -ge 1 -a "$n" -le 2
	check "40x10 $1: not 'too small'" sh -c "! $T capture-pane -p -t $name | grep -q 'too small'"
	keys "$name" q
	check "40x10 $1: quits cleanly" wait_for "$name" "TB-EXIT-0"
done

# -- pin -----------------------------------------------------------------------
for tier in "C.UTF-8 xterm-256color" "C vt100"; do
	set -- $tier
	name=pin$(echo "$2" | tr -dc a-z0-9)
	start "$name" 80 24 "$1" "$2" 1
	wait_for "$name" "] run4" >/dev/null
	keys "$name" 4 '*'
	check "pin $1: * says so" wait_for "$name" "pinned: run3"
	check "pin $1: the pinned run is listed first" test "$(first_run "$name")" = run3
	check "pin $1: marked" wait_for "$name" "*[x] run3"
	keys "$name" '*'
	check "pin $1: * again unpins" wait_for "$name" "unpinned: run3"
	check "pin $1: the list in its order again" test "$(first_run "$name")" = run0
done

done_testing
