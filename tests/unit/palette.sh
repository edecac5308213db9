#!/bin/sh
# palette.sh: each palette's run colours at each colour depth, through
# --print=ansi (curses-free): TERM=xterm (8: 30-37), xterm-256color
# (38;5;N), xterm-direct (true colour: 38;2;R;G;B; compiled here with tic
# when the system has none), COLORTERM=truecolor; mono and NO_COLOR: no
# colour, runs wear glyphs. Snapshots draw the same palette's colours.
. "$TB_SRCDIR/tests/lib.sh"
W="$TB_BUILDDIR/tests/tools/tbwrite"
tmp=$(tb_tmpdir); trap 'rm -rf "$tmp"' EXIT
# four runs a, b, c, d: colours 1-4 of each palette
for r in a b c d; do
	mkdir -p "$tmp/ld/$r"
	{ echo header; for s in 1 2 3 4 5 6 7 8; do echo "scalar loss $s 0.$s$s"; done; } | "$W" "$tmp/ld/$r/events.out.tfevents.1"
done
# sgr TERM PALETTE [ENV...]: the foreground colours --print=ansi used, one a line
sgr() {
	t=$1 p=$2; shift 2
	env TERM="$t" NO_COLOR= COLORTERM= LANG=C.UTF-8 LC_ALL=C.UTF-8 "$@" "$TB_BIN" --print=ansi --no-config \
		--palette "$p" --logdir "$tmp/ld" | grep -o '\[[0-9;]*m' | tr ';m' ' \n' |
		awk '{ for (i = 1; i <= NF; i++) if ($i == 38) { print ($(i+1) == 5) ? "38;5;" $(i+2) : "38;2;" $(i+2) ";" $(i+3) ";" $(i+4); i += 4 }
			else if ($i >= 30 && $i <= 37) print $i }' | sort -u | tr '\n' ' '
}
# has TERM PALETTE "CODES..." [ENV...]: every code among the colours used, none other
has() {
	t=$1 p=$2 want=$3; shift 3
	got=$(sgr "$t" "$p" "$@")
	for c in $want; do case " $got" in *" $c "*) ;; *) diag "$t $p: no $c in: $got"; return 1 ;; esac; done
	for c in $got; do case " $want " in *" $c "*) ;; *) diag "$t $p: $c too in: $got"; return 1 ;; esac; done
}
check "default, 8 colours: yellow cyan magenta green" has xterm default "33 36 35 32"
check "default, 256: 208 39 170 76" has xterm-256color default "38;5;208 38;5;39 38;5;170 38;5;76"
check "okabe-ito, 8: yellow cyan blue red" has xterm okabe-ito "33 36 34 31"
check "okabe-ito, 256: the nearest entries 178 74 35 221" has xterm-256color okabe-ito "38;5;178 38;5;74 38;5;35 38;5;221"
check "high-contrast, 8: yellow cyan magenta green" has xterm high-contrast "33 36 35 32"
check "high-contrast, 256: 226 51 201 46" has xterm-256color high-contrast "38;5;226 38;5;51 38;5;201 38;5;46"
check "high-contrast: runs' colours bold" sh -c "env TERM=xterm-256color NO_COLOR= '$TB_BIN' --print=ansi --no-config --palette high-contrast --logdir '$tmp/ld' | grep -q '1;38;5;226m'"
check "mono, 8: no colour" has xterm mono ""
check "mono, 256: no colour" has xterm-256color mono ""
env TERM=xterm-256color NO_COLOR= LANG=C LC_ALL=C "$TB_BIN" --print=ansi --no-config --palette mono --logdir "$tmp/ld" |
	sed 's/\x1b\[[0-9;]*m//g' >"$tmp/mono"
check "mono: runs apart by their glyphs in the legend" sh -c "grep -q '\*a' '$tmp/mono' && grep -q '+b' '$tmp/mono' || grep -q '\* *a' '$tmp/mono'"
env TERM=xterm-256color NO_COLOR=1 LANG=C.UTF-8 LC_ALL=C.UTF-8 "$TB_BIN" --print=ansi --no-config --palette okabe-ito --logdir "$tmp/ld" >"$tmp/nc"
check "NO_COLOR over any palette: no colour" sh -c "! grep -q '\[[0-9;]*3[0-7][;m]\|38;' '$tmp/nc'"
check "okabe-ito, COLORTERM=truecolor: the true colours" has xterm-256color okabe-ito \
	"38;2;230;159;0 38;2;86;180;233 38;2;0;158;115 38;2;240;228;66" COLORTERM=truecolor
check "default, COLORTERM=24bit: its 256 entries' RGB" has xterm-256color default \
	"38;2;255;135;0 38;2;0;175;255 38;2;215;95;215 38;2;95;215;0" COLORTERM=24bit
# xterm-direct: the system's terminfo, else one compiled for the test
TI=
if env TERM=xterm-direct infocmp >/dev/null 2>&1; then
	TI=system
elif command -v tic >/dev/null 2>&1; then
	cat >"$tmp/direct.src" <<'TIC'
xterm-direct|xterm with direct-colour indexing (the test's copy),
	colors#0x1000000, pairs#0x10000, RGB,
	setab=\E[%?%p1%{8}%<%t4%p1%d%e48:2::%p1%{65536}%/%d:%p1%{256}%/%{255}%&%d:%p1%{255}%&%d%;m,
	setaf=\E[%?%p1%{8}%<%t3%p1%d%e38:2::%p1%{65536}%/%d:%p1%{256}%/%{255}%&%d:%p1%{255}%&%d%;m,
	use=xterm-256color,
TIC
	tic -x -o "$tmp/ti" "$tmp/direct.src" 2>/dev/null && TI="$tmp/ti"
fi
if [ -n "$TI" ]; then
	[ "$TI" = system ] && TI=${TERMINFO:-}
	check "okabe-ito, xterm-direct: the true colours" has xterm-direct okabe-ito \
		"38;2;230;159;0 38;2;86;180;233 38;2;0;158;115 38;2;240;228;66" TERMINFO="$TI"
	check "high-contrast, xterm-direct: the true colours" has xterm-direct high-contrast \
		"38;2;255;255;0 38;2;0;255;255 38;2;255;0;255 38;2;0;255;0" TERMINFO="$TI"
	check "mono, xterm-direct: no colour" has xterm-direct mono "" TERMINFO="$TI"
else
	skip "no xterm-direct terminfo and no tic: true colour from terminfo not tried"
	skip "no xterm-direct terminfo and no tic"
	skip "no xterm-direct terminfo and no tic"
fi
# pictures: the same palette; Cairo writes colours as percentages
if "$TB_BIN" snapshot --no-config --palette okabe-ito --logdir "$tmp/ld" --tag loss -o "$tmp/oi.svg" 2>"$tmp/err"; then
	check "snapshot --palette okabe-ito: bluish green #009e73 in the SVG" grep -q 'rgb(0%,61.960784%,45.098039%)' "$tmp/oi.svg"
	check "snapshot --palette okabe-ito: not the default's orange" sh -c "! grep -q 'rgb(100%,52.941176%,0%)' '$tmp/oi.svg'"
	printf 'palette = okabe-ito\n' >"$tmp/cfg"
	"$TB_BIN" snapshot --config "$tmp/cfg" --logdir "$tmp/ld" --tag loss -o "$tmp/cfg.svg"
	check "snapshot: the config's palette" grep -q 'rgb(0%,61.960784%,45.098039%)' "$tmp/cfg.svg"
	"$TB_BIN" snapshot --no-config --palette mono --logdir "$tmp/ld" --tag loss -o "$tmp/mono.svg"
	check "snapshot --palette mono: black and grey, dashed" sh -c "grep -q 'stroke-dasharray' '$tmp/mono.svg' &&
		grep -q 'rgb(43.137255%,43.137255%,43.137255%)' '$tmp/mono.svg' && ! grep -q 'rgb(0%,61.960784%' '$tmp/mono.svg'"
else
	skip "snapshot failed (no Cairo?): $(cat "$tmp/err")"
fi
done_testing
