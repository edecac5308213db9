#!/bin/sh
# screen_basic.sh: the real screen in tmux on the HF Trainer 5-run sweep:
# run names, a chart per tag, the best-step line, smoothing, hiding,
# filtering, the x axis, resizing and quitting, in both glyph tiers.
. "$TB_SRCDIR/tests/lib.sh"

[ -n "${TB_REALDATA:-}" ] || skip_all "realdata absent"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
rel=$(grep 'HF Trainer TensorBoardCallback (5-run sweep' "$TB_REALDATA/SOURCES.tsv" | head -1 | cut -f2 | tr / _)
D=$(ls -d "$TB_REALDATA"/tfevents/*"$(echo "$rel" | sed 's/_/__/')"* 2>/dev/null | head -1)
[ -d "$D" ] || D=$(ls -d "$TB_REALDATA"/tfevents/AguLeon__LoRA_RoBERTa_AGNews 2>/dev/null)
[ -d "$D" ] || skip_all "HF Trainer sweep not found in realdata"

SOCK=tb$$
T="tmux -u -L $SOCK -f /dev/null"
trap '$T kill-server >/dev/null 2>&1' EXIT INT TERM
TM=$T
# wait_for SESSION FIXED-STRING: poll the pane for up to 5 s
wait_for() { wait_pane "$1" "$2" 50; }
wait_gone() {
	i=0
	while [ $i -lt 50 ]; do
		cap "$1" | grep -qF -- "$2" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "pane of $1 still shows: $2"
	return 1
}
start() { # start NAME WIDTH HEIGHT LANG TERM [args...]
	n=$1 w=$2 h=$3 lang=$4 term=$5
	shift 5
	$T new-session -d -s "$n" -x "$w" -y "$h" \
		"env LANG=$lang LC_ALL=$lang TERM=$term NO_COLOR= '$TB_BIN' --logdir '$D' $*; echo TB-EXIT-\$?; sleep 30"
}
keys() { $T send-keys -t "$@"; }

# the truth from the headless summary: the best eval/loss over every run,
# named as the screen names runs (without the "runs/" they all share)
best_line=$("$TB_BIN" summary --logdir "$D" | awk -F'\t' '$2 == "eval/loss" && (b == "" || $8 + 0 < b + 0) {
	b = $8; s = $9; r = $1 } END { sub(/^runs\//, "", r); printf "eval/loss  best %.4g @ %s (%s)", b, s, r }')
diag "expected: $best_line"
[ -n "$best_line" ] || not_ok "summary gives the best eval/loss"

# -- UTF-8, 256 colours: braille tier --------------------------------------
start u8 120 40 C.UTF-8 xterm-256color
check "utf8: run names shown" wait_for u8 "[x] run4"
ok_all=true
for r in run0 run1 run2 run3; do cap u8 | grep -qF "[x] $r" || ok_all=false; done
check "utf8: all five runs listed" $ok_all
# files that were there before the screen came up are not "live"
dot=$(printf '\342\227\217')
check "utf8: no live marker on runs nobody is writing" sh -c "! $T capture-pane -p -t u8 | grep '\] run' | grep -qF '$dot'"
check "utf8: best-step line with value and step" wait_for u8 "$best_line"
braille=$(printf '\342[\240-\243]')
check "utf8: braille cells drawn" sh -c "$T capture-pane -p -t u8 | LC_ALL=C grep -q '$braille'"
check "utf8: smoothing shown at 0.60" wait_for u8 "smoothing 0.60"
before=$(cap u8 | head -n 36)
keys u8 ']'
check "utf8: ] raises the shown smoothing to 0.65" wait_for u8 "smoothing 0.65"
after=$(cap u8 | head -n 36)
check "utf8: ] redraws the smoothed curves" test "$before" != "$after"
keys u8 ' '
check "utf8: Space hides the selected run" wait_for u8 "[ ] run0"
keys u8 '/' 'run[34]' Enter
wait_gone u8 "] run1"
check "utf8: / filters the run list" sh -c "$T capture-pane -p -t u8 | grep -qF '] run3' && ! $T capture-pane -p -t u8 | grep -qF 'run0'"
check "utf8: x axis labelled step" wait_for u8 " step "
keys u8 x
check "utf8: x switches the axis to relative time" wait_for u8 " rel "
$T resize-window -t u8 -x 80 -y 24
check "utf8: resize redraws at 80x24" wait_for u8 " rel "
check "utf8: run names readable at 80 columns" wait_for u8 "] run3"
lines=$(cap u8 | wc -l)
check "utf8: 24 rows after the resize" test "$lines" -eq 24
$T resize-window -t u8 -x 30 -y 8
check "utf8: too small says so" wait_for u8 "terminal too small"
$T resize-window -t u8 -x 120 -y 40
check "utf8: back to full size" wait_for u8 "Runs (5)"
keys u8 q
check "utf8: q exits 0" wait_for u8 "TB-EXIT-0"
check "utf8: alternate screen left" test "$($T display -p -t u8 '#{alternate_on}')" = 0

# -- all charts visible on a tall window: one chart per tag --------------------
start tall 200 100 C.UTF-8 xterm-256color
wait_for tall "runs/run4" >/dev/null
tags=$("$TB_BIN" summary --logdir "$D" | awk -F'\t' 'NR > 1 && $3 > 0 { print $2 }' | sort -u)
missing=
for t in $tags; do wait_for tall "$t  " >/dev/null || missing="$missing $t"; done
check "a chart per tag ($(echo $tags | wc -w) tags)${missing:+, missing:$missing}" test -z "$missing"
keys tall q
wait_for tall "TB-EXIT-0" >/dev/null

# -- C locale on a vt100: ASCII tier, no colours -------------------------------
start vt 120 40 C vt100
check "vt100: run names shown" wait_for vt "] run4"
check "vt100: best-step line" wait_for vt "$best_line"
check "vt100: no braille or other UTF-8 on screen" sh -c "! $T capture-pane -p -t vt | LC_ALL=C grep -q '[^ -~]'"
check "vt100: ASCII line glyphs drawn" sh -c "$T capture-pane -p -t vt | grep -q '[-_/\\\\]\{3\}'"
check "vt100: smoothing slider in ASCII" wait_for vt "smoothing 0.60 [######----]"
keys vt ']'
check "vt100: ] raises smoothing" wait_for vt "0.65"
keys vt ' '
check "vt100: Space hides a run" wait_for vt "[ ] run0"
keys vt x
check "vt100: x changes the axis label" wait_for vt " rel "
keys vt q
check "vt100: q exits 0" wait_for vt "TB-EXIT-0"

# -- bounded mode for CI --------------------------------------------------------
start fr 100 30 C.UTF-8 xterm-256color --frames 3
check "--frames 3 exits 0 by itself" wait_for fr "TB-EXIT-0"

done_testing
