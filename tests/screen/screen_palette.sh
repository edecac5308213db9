#!/bin/sh
# screen_palette.sh: Y cycles the palettes on the screen and the line
# above the status line names each (the status line too, when it is not
# the default and there is room); the colours tmux receives change with it. --palette mono
# under LANG=C TERM=vt100 tells runs apart by their glyphs, on the lines
# and in the legend. --palette and the config file's palette start there.
. "$TB_SRCDIR/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
W="$TB_BUILDDIR/tests/tools/tbwrite"
SOCK=tbpal$$
TM="tmux -u -L $SOCK -f /dev/null"
tmp=$(tb_tmpdir)
trap '$TM kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT INT TERM
# three runs apart: a rises, b falls, c stays
for r in a b c; do
	mkdir -p "$tmp/ld/$r"
	{ echo header; for s in 1 2 3 4 5 6 7 8 9; do
		case $r in a) v=0.$s ;; b) v=0.$((10 - s)) ;; c) v=0.5 ;; esac
		echo "scalar loss $s $v"; done; } | "$W" "$tmp/ld/$r/events.out.tfevents.1"
done
# start NAME LANG TERM [ARGS...]: the screen at 80x24 ($COLS wide)
start() {
	n=$1 l=$2 t=$3; shift 3
	# after the last session was killed the server is going away: a
	# session asked for meanwhile fails ("server exited unexpectedly",
	# seen under the sanitisers' build on a loaded machine): ask again
	i=0
	until $TM new-session -d -s "$n" -x "${COLS:-80}" -y 24 \
		"env LANG=$l LC_ALL=$l TERM=$t NO_COLOR= '$TB_BIN' --logdir '$tmp/ld' $*; sleep 60" 2>/dev/null ||
		$TM has-session -t "$n" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 10 ] || break
		sleep 0.3
	done
	wait_pane "$n" "3 runs" >/dev/null
}
# colours NAME: the foreground SGR codes tmux shows, sorted
colours() { $TM capture-pane -p -e -t "$1" | grep -o '\[[0-9;]*m' | grep -o '38;5;[0-9]*' | sort -u | tr '\n' ' '; }

start s C.UTF-8 xterm-256color
check "default palette: its 256-colour orange" sh -c "$TM capture-pane -p -e -t s | grep -q '38;5;208m'"
before=$(colours s)
for p in okabe-ito high-contrast mono default; do
	$TM send-keys -t s Y
	if wait_pane s "palette: $p" 30 >/dev/null; then ok "Y: the screen names palette $p"; else not_ok "Y: the screen names palette $p"; fi
	case $p in
	okabe-ito)
		sleep 0.3
		check "okabe-ito: its colours on the screen (178, 74, 35)" sh -c "c=\$($TM capture-pane -p -e -t s); echo \"\$c\" | grep -q '38;5;178m' && echo \"\$c\" | grep -q '38;5;74m' && echo \"\$c\" | grep -q '38;5;35m'" ;;
	mono)
		sleep 0.3
		check "mono: no run colours, the runs' glyphs in the legend" sh -c "test -z \"\$($TM capture-pane -p -e -t s | grep -o '38;5;[0-9]*')\" && $TM capture-pane -p -t s | grep -q '\*a'" ;;
	default)
		sleep 0.3
		check "back to default: the same colours as before" test "$(colours s)" = "$before" ;;
	esac
done
$TM kill-session -t s

# the status line names a palette after x's mode: wider than 80 to show it
COLS=160 start v C vt100 --palette mono
check "mono, LANG=C TERM=vt100: each run its glyph in the legend" sh -c "$TM capture-pane -p -t v | grep -q '\*a' && $TM capture-pane -p -t v | grep -q '+b' && $TM capture-pane -p -t v | grep -q 'oc'"
check "mono, LANG=C TERM=vt100: the lines wear the glyphs (+ and o drawn)" sh -c "test \$($TM capture-pane -p -t v | sed -n '2,20p' | cut -c24- | grep -c '[+o]') -ge 3"
check "mono, LANG=C TERM=vt100: the status line names it" sh -c "$TM capture-pane -p -t v | tail -1 | grep -q 'palette mono'"
$TM kill-session -t v

printf 'palette = high-contrast\n' >"$tmp/cfg"
COLS=160 start c C.UTF-8 xterm-256color --config "'$tmp/cfg'"
check "the config's palette on the screen: bold 226" sh -c "$TM capture-pane -p -e -t c | grep -q '38;5;226m' && $TM capture-pane -p -t c | tail -1 | grep -q 'palette high-contrast'"
done_testing
