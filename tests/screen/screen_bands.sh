#!/bin/sh
# screen_bands.sh: a sweep written here (3 learning rates x 3 seeds) drawn
# as groups in tmux: --group-by '~REGEX' gives three mean lines, each with
# a band, in UTF-8 with colours, UTF-8 with NO_COLOR and LANG=C TERM=vt100;
# B cycles the band (min-max, sd, none), c regroups (empty: runs again).
. "$TB_SRCDIR/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
W="$TB_BUILDDIR/tests/tools/tbwrite"
SOCK=tbb$$
T="tmux -u -L $SOCK -f /dev/null"
TM=$T
tmp=$(tb_tmpdir)
trap '$T kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT INT TERM
for lr in 0.1 0.03 0.01; do for seed in 1 2 3; do
	d="$tmp/sweep/lr${lr}_seed$seed"; mkdir -p "$d"
	awk -v lr=$lr -v seed=$seed 'BEGIN { srand(seed * 7 + lr * 1000); print "header 1700000000"
		for (s = 0; s <= 200; s += 5)
			printf "scalar train/loss %d %.6f %d\n", s, exp(-lr * s * 0.3) * (1 + 0.25 * (seed - 2)) + 0.03 * rand(), 1700000000 + s
	}' | "$W" "$d/events.out.tfevents.1.host"
done; done
# the plot rows of the pane: between the title and the x axis, past the y labels
plot() { cap "$1" | sed -n '/train\/loss/,/^ *step/p' | sed '1d;$d' | cut -c8-; }
for tier in u8 nocolor vt; do
	case $tier in
	u8) env="LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color NO_COLOR="; fill='░' ;;
	nocolor) env="LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color NO_COLOR=1"; fill='·' ;;
	vt) env="LANG=C LC_ALL=C TERM=vt100 NO_COLOR="; fill='.' ;;
	esac
	$T new-session -d -s $tier -x 140 -y 30 \
		"env $env '$TB_BIN' --logdir '$tmp/sweep' --group-by '~^lr([0-9.]+)_seed'; echo TB-EXIT-\$?; sleep 30"
	wait_pane $tier "pts" >/dev/null
	$T send-keys -t $tier '|'      # the run list away: the plot's rows are the chart's only
	check "$tier: three groups of three in the legend" wait_pane $tier "0.01 (3)" 50
	# a slow machine (the sanitisers) computes groups over several frames
	wait_gone $tier "redrawing" 100 >/dev/null
	l=$(cap $tier | grep -c -e '0\.1 (3)' -e '0\.03 (3)')
	check "$tier: 0.1 (3) and 0.03 (3) too" test "$l" -ge 1
	check "$tier: the status line names the grouping" wait_pane $tier "group by ~^lr([0-9.]+)_seed, band min-max" 30
	n=$(plot $tier | grep -oF -- "$fill" | wc -l)
	check "$tier: the bands fill cells ($n of '$fill')" test "$n" -gt 100
	# with colours, the bands are ░ in three colours; without, the lines carry their glyphs
	if [ $tier != u8 ]; then
		g=$(plot $tier | grep -c -e '\*' -e '+' -e 'o')
		check "$tier: the mean lines carry their group's glyph ($g rows)" test "$g" -ge 3
	fi
	$T send-keys -t $tier B
	check "$tier: B: a band of +-1 sd" wait_pane $tier "band sd" 30
	$T send-keys -t $tier B
	check "$tier: B again: no band" wait_pane $tier "band none" 30
	sleep 0.3
	wait_gone $tier "redrawing" 100 >/dev/null
	n=$(plot $tier | grep -oF -- "$fill" | wc -l)
	check "$tier: no band, no fill ($n)" test "$n" -eq 0
	$T send-keys -t $tier B c
	check "$tier: c prompts for a grouping" wait_pane $tier "group by (lr, -seed, ~regex): ~^lr" 30
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do $T send-keys -t $tier BSpace; done
	$T send-keys -t $tier Enter
	check "$tier: an empty grouping: runs again" wait_pane $tier "lr0.01_seed1" 30
	check "$tier: no grouping on the status line" wait_gone $tier "group by" 30
	$T send-keys -t $tier c '~seed([0-9])' Enter
	check "$tier: regrouped by seed" wait_pane $tier "2 (3)" 30
	$T send-keys -t $tier c BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace '~(' Enter
	check "$tier: a bad regex is named, the prompt stays" wait_pane $tier "group by: bad regex" 30
	$T send-keys -t $tier Escape q
	check "$tier: q exits 0" wait_pane $tier "TB-EXIT-0" 50
	$T kill-session -t $tier
done
done_testing
