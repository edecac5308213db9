#!/bin/sh
# screen_sizes.sh: the screen at 80x24 and 40x10 in both tiers (UTF-8 with
# colours, LANG=C TERM=vt100) on the HF Trainer sweep: the whole help by
# scrolling, "q quit" on the hint line, the smoothing value on the status
# line, no blank row while charts are left to show; which run is winning;
# wall-clock times; a clean quit under vt100; refusing without a terminal.
# Run with TB_BIN=/path/to/an/older/tailboard to see what it fixed.
. "$TB_SRCDIR/tests/lib.sh"

[ -n "${TB_REALDATA:-}" ] || skip_all "realdata absent"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
D="$TB_REALDATA/tfevents/AguLeon__LoRA_RoBERTa_AGNews"
[ -d "$D" ] || skip_all "HF Trainer sweep not found in realdata"

SOCK=tbz$$
T="tmux -u -L $SOCK -f /dev/null"
TM=$T
tmp=$(tb_tmpdir)
trap '$T kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT INT TERM
start() { # start NAME WIDTH HEIGHT LANG TERM [args...]
	n=$1 w=$2 h=$3 lang=$4 term=$5
	shift 5
	$T new-session -d -s "$n" -x "$w" -y "$h" \
		"env TZ=UTC LANG=$lang LC_ALL=$lang TERM=$term NO_COLOR= '$TB_BIN' --logdir '$D' $*; echo TB-EXIT-\$?; sleep 30"
}
keys() { $T send-keys -t "$@"; }
line() { cap "$1" | sed -n "$2p"; }

# every key's description, as the help lists it (its first 24 characters;
# the help's wrapped lines are joined before looking)
"$TB_BIN" --help-keys=md | sed -n 's/^| .*` | \(.*\) |$/\1/p' | sed 's/\\|/|/g' | cut -c1-24 > "$tmp/keys"
nkeys=$(wc -l < "$tmp/keys")
[ "$nkeys" -gt 20 ] || not_ok "the key table has its keys ($nkeys)"

for size in 80x24 40x10; do
	w=${size%x*} h=${size#*x}
	for tier in u8 vt; do
		s=$tier$w
		if [ $tier = u8 ]; then start $s $w $h C.UTF-8 xterm-256color; else start $s $w $h C vt100; fi
		wait_pane $s "eval/accuracy" >/dev/null
		wait_pane $s "630 pts" 50 >/dev/null
		check "$size $tier: the hint line starts with ? help  q quit" \
			sh -c "$T capture-pane -p -t $s | sed -n '$((h - 1))p' | grep -q '^? help  q quit'"
		check "$size $tier: the status line starts with the smoothing value" \
			sh -c "$T capture-pane -p -t $s | sed -n '${h}p' | grep -q '^ smoothing 0.60'"
		# blank: nothing right of the run list's border (or at all, without the list)
		blank=$(cap $s | head -n $((h - 2)) | LC_ALL=C awk 'NR == 1 { list = /^Runs \(/ }
			{ l = $0
			  if (list && (p = index(l, "\342\224\202"))) l = substr(l, p + 3)
			  else if (list && (p = index(l, "|"))) l = substr(l, p + 1) }
			l ~ /^ *$/ { n++ } END { print n + 0 }')
		check "$size $tier: no blank row in the chart area ($blank)" test "$blank" -eq 0
		# the help, page by page
		keys $s '?'
		wait_pane $s "Keys (" 30 >/dev/null
		: > "$tmp/help"
		i=0
		while [ $i -lt 70 ]; do
			cap $s >> "$tmp/help"
			keys $s j j j j
			sleep 0.1
			i=$((i + 1))
		done
		tr -s ' \n' '  ' < "$tmp/help" > "$tmp/help1"   # wrapped lines read as one
		missing=$(while IFS= read -r k; do grep -qF -- "$k" "$tmp/help1" || echo "$k"; done < "$tmp/keys" | head -3)
		check "$size $tier: every key in the help by scrolling${missing:+ (missing: $missing)}" test -z "$missing"
		keys $s Escape
		keys $s q
		wait_pane $s "TB-EXIT-0" 50 >/dev/null
		if [ $tier = vt ]; then
			check "$size vt100: quitting clears the screen (the shell's next line at the top)" \
				sh -c "$T capture-pane -p -t $s | head -1 | grep -q TB-EXIT-0"
		fi
		$T kill-session -t $s
	done
done

# which run is winning, on a wide screen
start wide 160 48 C.UTF-8 xterm-256color
wait_pane wide "630 pts" >/dev/null
check "eval/accuracy: the best over every run, and its run" wait_pane wide "eval/accuracy  best 0.9136 @ 800 (run4)" 20
check "train/learning_rate: no best" sh -c "$T capture-pane -p -t wide | grep -q 'train/learning_rate  run0 last' && ! $T capture-pane -p -t wide | grep -q 'learning_rate  best'"
check "eval/accuracy: the legend says how many more runs" sh -c "$T capture-pane -p -t wide | grep -q 'run4 0.9136@800.*more'"
# wall mode: the second chart maximised, in clock times of 2025-04-09 (TZ=UTC)
keys wide Tab j Enter x x
wait_pane wide "04-09 " 30 >/dev/null
check "wall mode: the axis in clock times of the day, from 19:35 to 20:47 UTC" \
	sh -c "$T capture-pane -p -t wide | grep -Eq '^04-09 +19:[345][0-9] .* 20:4[0-9]'"
keys wide Escape
check "Esc once leaves the maximised chart" wait_pane wide "Runs (5)" 30
keys wide q

# no terminal: a message and exit 2, at once, no spinning
start_t=$(date +%s)
"$TB_BIN" --logdir "$D" < /dev/null > "$tmp/out" 2> "$tmp/err"
rc=$?
check "without a terminal: exit 2" test $rc -eq 2
check "without a terminal: it says what to use instead" grep -q "summary" "$tmp/err"
check "without a terminal: at once" test $(($(date +%s) - start_t)) -le 3
"$TB_BIN" rnus --logdir "$D" < /dev/null > "$tmp/out" 2> "$tmp/err"
rc=$?
check "a stray word is an unknown command (exit 2)" sh -c "test $rc -eq 2 && grep -q 'unknown command' '$tmp/err'"
"$TB_BIN" bogus > "$tmp/out" 2> "$tmp/err"
rc=$?
check "bogus: unknown command (exit 2)" sh -c "test $rc -eq 2 && grep -q 'unknown command' '$tmp/err'"
done_testing
