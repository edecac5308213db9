#!/bin/sh
# scale_loading.sh: the screen answers keys while a big logdir loads. A
# ~1 GB logdir of small scalar records (tbgen, written in large chunks) is
# opened in tmux; as soon as the first frame shows the loading progress,
# ] and a / filter are pressed, and both must take effect while the status
# line still says loading. Polling is bounded; nothing here is timed.
. "$TB_SRCDIR/tests/lib.sh"

GEN="$TB_BUILDDIR/tests/tools/tbgen"
[ -x "$GEN" ] || skip_all "tbgen not built"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
SIZE=${TB_SCALE_BYTES:-1G}
D=$(tb_tmpdir)
SOCK=tbload$$
T="tmux -u -L $SOCK -f /dev/null"
trap '$T kill-server >/dev/null 2>&1; rm -rf "$D"' EXIT INT TERM
avail=$(df -Pk "$D" | awk 'NR == 2 { print $4 }')
[ "${avail:-0}" -gt 2500000 ] || skip_all "less than 2.5 GB free in $D"

out=$("$GEN" -r 4 -t 8 -b "$SIZE" "$D/logs") || { not_ok "tbgen -b $SIZE"; done_testing; }
set -- $out
diag "generated $1 runs, $2 tags, $3 points, $4 bytes"
POINTS=$3

TM=$T
cap() { $TM capture-pane -p -t L; }
status() { cap | tail -n 1; }
# wait_for TEXT [TRIES]: poll the pane every 20 ms (default: up to 20 s)
wait_for() { wait_pane L "$1" "${2:-1000}" 0.02; }
# both TEXT: wait until the status line shows TEXT; true when it still
# says loading in that same capture
while_loading() {
	i=0
	while [ $i -lt 1000 ]; do
		s=$(status)
		if echo "$s" | grep -qF -- "$1"; then
			diag "status: $s"
			echo "$s" | grep -qF "loading ["
			return
		fi
		sleep 0.02
		i=$((i + 1))
	done
	diag "status never showed: $1"
	cap | sed 's/^/# | /'
	return 1
}

$T new-session -d -s L -x 200 -y 50 \
	"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$TB_BIN' --logdir '$D/logs'; echo TB-EXIT-\$?; sleep 30"
check "the screen comes up while loading, with a progress bar" wait_for "loading ["
s=$(status)
check "progress names files and MB" sh -c "echo '$s' | grep -Eq '[0-9]+/4 files [0-9]+/[0-9]+ MB'"
check "smoothing starts at 0.60" sh -c "echo '$s' | grep -qF 'smoothing 0.60'"
$T send-keys -t L ']'
check "] raises the smoothing to 0.65 while still loading" while_loading "smoothing 0.65"
$T send-keys -t L '/' 'run0000[12]' Enter
check "/ filters the run list while still loading" sh -c "
	i=0; while [ \$i -lt 1000 ]; do
		c=\$($T capture-pane -p -t L)
		if echo \"\$c\" | grep -qF 'Runs (4): 2 match'; then
			echo \"\$c\" | tail -n 1 | grep -qF 'loading ['; exit
		fi
		sleep 0.02; i=\$((i + 1))
	done; exit 1"
check "the run list still shows run00001 and run00002" sh -c "cap() { $T capture-pane -p -t L; }; cap | grep -qF run00001 && cap | grep -qF run00002 && ! cap | grep -qF run00003"
# the load finishes: the bar goes
check "loading finishes" sh -c "
	i=0; while [ \$i -lt 3000 ]; do
		$T capture-pane -p -t L | tail -n 1 | grep -qF 'loading [' || exit 0
		sleep 0.1; i=\$((i + 1))
	done; exit 1"
diag "after loading: $(status)"
$T send-keys -t L q
check "q exits 0" wait_for "TB-EXIT-0"
done_testing
