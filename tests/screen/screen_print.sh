#!/bin/sh
# screen_print.sh: --print is the screen. On the Hugging Face sweep of
# ../shared/realdata (skipped when absent), the screen in tmux at 80x24 and
# 160x48, in UTF-8 (braille, colours) and in LANG=C TERM=vt100 (ASCII, run
# glyphs), is captured once loaded; --print --size WxH with the same
# locale and TERM prints the same lines. Then what --print=ansi adds:
# colours from the palette at TERM's depth (256 where TERM has none), none
# under NO_COLOR (attributes stay), and
# the 80x24 default when stdout is not a terminal. And the screen's P key.
. "$TB_SRCDIR/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
R="${TB_REALDATA:-}/tfevents/AguLeon__LoRA_RoBERTa_AGNews"
[ -n "${TB_REALDATA:-}" ] && [ -d "$R" ] || skip_all "../shared/realdata is absent: the HF sweep"

SOCK=tbpr$$
T="tmux -u -L $SOCK -f /dev/null"
TM=$T
tmp=$(tb_tmpdir)
trap '$T kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT INT TERM

# start NAME LANG TERM COLSxROWS: the screen in tmux
start() {
	$T new-session -d -s "$1" -x "${4%x*}" -y "${4#*x}" \
		"env TZ=UTC LANG=$2 LC_ALL=$2 TERM=$3 NO_COLOR= '$TB_BIN' --logdir '$R'; sleep 60"
}
# same NAME LANG TERM COLSxROWS: once loaded, the screen's lines are --print's
same() {
	wait_pane "$1" " pts" 100 >/dev/null
	i=0
	while cap "$1" | grep -q "loading" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	cap "$1" | sed 's/ *$//' >"$tmp/$1.screen"
	env TZ=UTC LANG=$2 LC_ALL=$2 TERM=$3 NO_COLOR= "$TB_BIN" --print --size "$4" --logdir "$R" \
		| sed 's/ *$//' >"$tmp/$1.print"
	if cmp -s "$tmp/$1.screen" "$tmp/$1.print"; then
		ok "$4 LANG=$2 TERM=$3: --print is what tmux shows ($(wc -l <"$tmp/$1.print") lines)"
	else
		not_ok "$4 LANG=$2 TERM=$3: --print is what tmux shows"
		diff "$tmp/$1.screen" "$tmp/$1.print" | head -n 12 | sed 's/^/# /'
	fi
}
start u8s C.UTF-8 xterm-256color 80x24
start u8l C.UTF-8 xterm-256color 160x48
start vts C vt100 80x24
start vtl C vt100 160x48
same u8s C.UTF-8 xterm-256color 80x24
same u8l C.UTF-8 xterm-256color 160x48
same vts C vt100 80x24
same vtl C vt100 160x48
check "UTF-8 frames are braille, vt100 ones ASCII" \
	sh -c "grep -q '⠒' '$tmp/u8s.print' && ! LC_ALL=C grep -q '[^ -~]' '$tmp/vts.print'"

env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color COLORTERM= NO_COLOR= "$TB_BIN" --print=ansi --logdir "$R" >"$tmp/ansi"
check "--print=ansi: 80x24 by default off a terminal, run colours as 256-colour SGR" \
	sh -c "test \$(wc -l <'$tmp/ansi') -eq 24 && grep -q '38;5;208m' '$tmp/ansi'"
env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=dumb COLORTERM= NO_COLOR= "$TB_BIN" --print=ansi --logdir "$R" >"$tmp/dumb"
check "--print=ansi where TERM has no colours: still 256-colour SGR (colours were asked for)" \
	grep -q '38;5;208m' "$tmp/dumb"
env LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_COLOR=1 "$TB_BIN" --print=ansi --logdir "$R" >"$tmp/nocolor"
check "--print=ansi under NO_COLOR: no colour, the status line still reversed" \
	sh -c "! grep -q '38;5;' '$tmp/nocolor' && grep -q '\[0;7m' '$tmp/nocolor'"
env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color NO_COLOR=1 "$TB_BIN" --print --logdir "$R" | sed 's/ *$//' >"$tmp/plain"
check "--print=ansi without its escapes is --print (NO_COLOR both: run glyphs on the lines)" \
	sh -c "sed 's/\x1b\[[0-9;]*m//g; s/ *\$//' '$tmp/nocolor' | cmp -s - '$tmp/plain'"
# the screen's P: the selected chart as a PNG in the current directory;
# started inside a logdir, in $TMPDIR instead, and nothing in the logdir
STAT="$TB_BUILDDIR/tests/tools/pngstat"
mkdir -p "$tmp/cwd" "$tmp/tmpd" "$tmp/ld"
cp -r "$R/runs/run4" "$tmp/ld/"
$T new-session -d -s key -x 100 -y 30 -c "$tmp/cwd" \
	"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$TB_BIN' --logdir '$R'; sleep 60"
$T new-session -d -s inld -x 100 -y 30 -c "$tmp/ld/run4" \
	"env TMPDIR='$tmp/tmpd' LANG=C LC_ALL=C TERM=vt100 '$TB_BIN' --logdir '$tmp/ld'; sleep 60"
for s in key inld; do
	wait_pane $s " pts" 100 >/dev/null
	$T send-keys -t $s Tab
	sleep 0.3
	$T send-keys -t $s P
done
check "P: says which file it wrote, by name" wait_pane key "wrote tailboard-eval_accuracy-" 50
f=$(ls "$tmp/cwd"/tailboard-eval_accuracy-*.png 2>/dev/null | head -n 1)
check "P: a 1200x675 PNG in the current directory" sh -c "[ -n '$f' ] && '$STAT' '$f' | grep -qx 'size 1200 675'"
check "P inside a logdir: written to TMPDIR, and it says so" wait_pane inld "wrote $tmp/tmpd/tailboard-eval_accuracy-" 50
check "P inside a logdir: nothing new in the logdir" sh -c "test \$(find '$tmp/ld' -type f | wc -l) -eq \$(find '$R/runs/run4' -type f | wc -l)"
done_testing
