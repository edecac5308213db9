#!/bin/sh
# screen_checkpoints.sh: checkpoints on the real screen in tmux, on a tree
# this test writes: a Trainer's output dir (event files in out/runs/<date_host>,
# out/checkpoint-N/ beside them) and a Lightning version dir with
# checkpoints/epoch=E-step=S.ckpt. The x axis of each chart marks them
# (UTF-8 and vt100, colour and not, 80x24 and 40x10); the run info (i) lists
# them and how far the best is from the nearest. Live: a checkpoint-N/ made
# while the screen runs gets its mark, one deleted (save_total_limit)
# loses it. A tag whose every point is NaN says so, on screen and in summary.
. "$TB_SRCDIR/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
APPEND="$TB_BUILDDIR/tests/tools/tbappend"
[ -x "$APPEND" ] || skip_all "test tools not built (make check builds them)"

SOCK=tbck$$
T="tmux -u -L $SOCK -f /dev/null"
TM=$T
tmp=$(tb_tmpdir)
trap '$T kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT INT TERM
L="$tmp/logs"
mkdir -p "$L/out/runs/Dec01_host" "$L/out/checkpoint-30" "$L/lit/version_0/checkpoints"
set --
for s in 0 10 20 30 40 50 60 70 80 90 100; do
	set -- "$@" train/loss "$s" "$(awk "BEGIN { print 2 - $s / 100 }")"
done
set -- "$@" eval/acc 0 0.5 eval/acc 20 0.6 eval/acc 40 0.7 eval/acc 60 0.9 eval/acc 80 0.8 eval/acc 100 0.85
for s in 0 20 40 60 80; do
	set -- "$@" train/bad "$s" nan
done
"$APPEND" -H "$L/out/runs/Dec01_host/events.out.tfevents.1.h" "$@"
"$APPEND" -H "$L/lit/version_0/events.out.tfevents.1.h" loss 0 1 loss 50 0.5 loss 100 0.25
: >"$L/lit/version_0/checkpoints/epoch=0-step=50.ckpt"
: >"$L/lit/version_0/checkpoints/last.ckpt"            # no step: no mark

start() {
	n=$1 w=$2 h=$3 lang=$4 term=$5 envs=$6
	shift 6
	$T new-session -d -s "$n" -x "$w" -y "$h" \
		"env $envs TZ=UTC LANG=$lang LC_ALL=$lang TERM=$term '$TB_BIN' --logdir '$L' $*; echo TB-EXIT-\$?; sleep 30"
}
keys() { $T send-keys -t "$@"; }
# the x axis rows of the pane (the label "step" starts them)
xrows() { cap "$1" | grep -E '(│|\|) step'; }

start u8 80 24 C.UTF-8 xterm-256color "NO_COLOR=" --run Dec01 --tag loss
start vt 80 24 C vt100 "NO_COLOR=1" --run Dec01 --tag loss
start u8n 80 24 C.UTF-8 xterm-256color "NO_COLOR=1" --run Dec01 --tag loss
start n40 40 10 C vt100 "NO_COLOR=1" --run Dec01 --tag loss
start lit 80 24 C.UTF-8 xterm-256color "NO_COLOR=" --run lit
for s in u8 vt u8n lit; do
	wait_pane $s "step" 100 >/dev/null || not_ok "$s: the screen came up"
done
check "UTF-8: a checkpoint mark on the x axis" sh -c "$T capture-pane -p -t u8 | grep -E '│ step' | grep -q '╹'"
check "UTF-8 without colour: the mark too" sh -c "$T capture-pane -p -t u8n | grep -E '│ step' | grep -q '╹'"
check "vt100: a | on the x axis" sh -c "$T capture-pane -p -t vt | grep -E '\| step' | grep -q 'step.*|'"
check "Lightning: the .ckpt's step marked on its chart" sh -c "$T capture-pane -p -t lit | grep -E '│ step' | grep -q '╹'"
diag "x rows: $(xrows u8 | head -1) / $(xrows vt | head -1)"

info() { # session expected: the run info lists it
	keys "$1" i
	wait_pane "$1" "$2" 50
	r=$?
	keys "$1" q
	sleep 0.2
	return $r
}
# the overview (i) aligns its keys and cuts a long value at the width (…)
check "the run info: out/runs/<date_host> has out's checkpoint" info u8 "1: steps 30"
check "the run info: the best and how far the nearest checkpoint is" \
	sh -c "$T send-keys -t u8 i; sleep 0.5; $T capture-pane -p -t u8 | grep -qE 'best train/loss +1 at step 100, 0 steps ago; nearest checkpoint 30 \\(70 ste'"
keys u8 q
check "Lightning: step= read from the name, last.ckpt not a mark" info lit "1: steps 50"

# live: a checkpoint made, another deleted
mkdir "$L/out/checkpoint-70"
check "a new checkpoint-N/ is listed" info u8 "2: steps 30, 70"
check "vt100 too" info vt "2: steps 30, 70"
rm -rf "$L/out/checkpoint-30"
check "a deleted checkpoint is gone" info u8 "1: steps 70"
check "vt100 too" info vt "1: steps 70"
check "40x10: still listed" info n40 "1: steps 70"
mv "$L/out/checkpoint-70" "$L/out/checkpoint-90"
check "renamed: 70 gone, 90 there" info u8 "1: steps 90"
check "the mark follows" sh -c "$T capture-pane -p -t u8 | grep -E '│ step' | grep -q '╹'"

# every point NaN: said, not "no data"
start nan 80 24 C.UTF-8 xterm-256color "NO_COLOR=" --run Dec01 --tag bad
start nanv 80 24 C vt100 "NO_COLOR=1" --run Dec01 --tag bad
check "all-NaN tag: the chart says so" wait_pane nan "all 5 points NaN" 100
check "vt100: the same" wait_pane nanv "all 5 points NaN" 100
check "and no 'no data'" sh -c "! $T capture-pane -p -t nan | grep -q 'no data'"
check "the NaN marks on the chart's top row" sh -c "test \$($T capture-pane -p -t nanv | tr -cd '!' | wc -c) -ge 2"
out=$("$TB_BIN" summary --logdir "$L" --tag bad)
diag "$out"
check "summary: 5 points, best all-nan" sh -c "printf '%s\n' '$out' | grep -q 'train/bad	5	0	80	nan	min	all-nan	-'"
for s in u8 vt u8n n40 lit nan nanv; do
	keys $s q
	check "$s: quits cleanly" wait_pane $s "TB-EXIT-0" 50
done
done_testing
