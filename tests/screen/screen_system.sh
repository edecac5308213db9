#!/bin/sh
# screen_system.sh: the system pane (M) on a real W&B run with GPU stats
# (../shared/realdata): the first screen is the training metrics, none of
# system/; M shows the machine's charts (a chart a metric, a line a GPU)
# on a time axis with no "best"; x there never goes back to step; Esc and
# M again return to the training grid; each keeps the chart chosen on it.
. "$TB_SRCDIR/tests/lib.sh"
[ -n "${TB_REALDATA:-}" ] || skip_all "realdata absent (the W&B run is a real file)"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
WB=$(find "$TB_REALDATA/wandb" -name 'run-3ojed7lz.wandb' | head -n 1)
[ -f "$WB" ] || skip_all "the W&B run with GPU stats used here is not in realdata"
LOG=$(dirname "$(dirname "$WB")")

SOCK=tbsys$$
TM="tmux -u -L $SOCK -f /dev/null"
trap '$TM kill-server >/dev/null 2>&1' EXIT INT TERM
$TM new-session -d -s s -x 160 -y 48 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$TB_BIN' --logdir '$LOG'; sleep 30"

check "first screen: the training metrics" wait_pane s "Training/accuracy"
check "first screen: nothing of system/" sh -c "! $TM capture-pane -p -t s | grep -qE 'system/|gpu/|cpu/'"
$TM send-keys -t s M
check "M: the system pane's GPU charts" wait_pane s "gpu/gpu"
check "M: a line a GPU, named by it" wait_pane s "gpu0"
check "M: the status line says so" wait_pane s "system (M: training)"
check "M: on relative time" sh -c "$TM capture-pane -p -t s | grep -qE '^.*│ rel '"
check "M: no step axis, no best" sh -c "! $TM capture-pane -p -t s | grep -qE '│ step |best'"
check "M: the training charts are gone" sh -c "! $TM capture-pane -p -t s | grep -q 'Training/'"
$TM send-keys -t s t
$TM send-keys -t s '^cpu' Enter
check "the CPU's chart" wait_pane s "cpu/cpu"
$TM send-keys -t s t BSpace BSpace BSpace BSpace Enter
check "the filter cleared: the GPU charts again" wait_pane s "gpu/gpu"
$TM send-keys -t s x
check "x: wall clock" wait_pane s "x: wall"
$TM send-keys -t s x
check "x again: relative, never step" wait_pane s "x: relative"
$TM send-keys -t s Escape
check "Esc: back to the training grid" wait_pane s "Training/accuracy"
check "Esc: on steps again" sh -c "$TM capture-pane -p -t s | grep -q 'x: step'"
$TM send-keys -t s M
check "M again: the pane" wait_pane s "gpu/gpu"
$TM send-keys -t s M
check "M once more: the training grid" wait_pane s "Training/accuracy"
# each side keeps the chart chosen on it: the grid's third, the pane's last
$TM kill-session -t s
$TM new-session -d -s s -x 160 -y 48 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$TB_BIN' --logdir '$LOG'; sleep 30"
wait_pane s "Training/accuracy" >/dev/null
$TM send-keys -t s Tab j j M G M Enter
title() { # the first row starts with the chart's name: the one maximised
	i=0
	while [ $i -lt 100 ]; do
		cap s | head -n 1 | grep -q "^$1 " && return 0
		sleep 0.1
		i=$((i + 1))
	done
	cap s | head -n 3 | sed 's/^/# | /'
	return 1
}
check "M and back: the grid's chosen chart, maximised" title Training/step
$TM send-keys -t s Escape
sleep 0.3
$TM send-keys -t s M Enter
check "and M: the pane's chosen chart, maximised" title process/memory.rssMB
done_testing
