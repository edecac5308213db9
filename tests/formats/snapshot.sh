#!/bin/sh
# snapshot.sh: tailboard snapshot on the Hugging Face sweep of
# ../shared/realdata (five runs, skipped when absent) and on a tag name
# written to be hostile. The SVG parses as XML (python3's xml.etree), names
# the tag in its <title>, and holds one opaque stroke a run in a colour of
# its own (the raw lines under them are faint); each run alone in a PNG (decoded by Cairo
# in tests/tools/pngstat) has the asked size and hundreds of pixels of its
# colour, the other runs' none; text snapshots are the chart core's cells. A tag
# holding markup, quotes and control bytes comes out escaped and sanitised,
# and the SVG still parses.
. "$TB_SRCDIR/tests/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed (it parses the SVGs)"
STAT="$TB_BUILDDIR/tests/tools/pngstat"
APPEND="$TB_BUILDDIR/tests/tools/tbappend"
[ -x "$STAT" ] && [ -x "$APPEND" ] || skip_all "test tools not built (make check builds them)"
D=$(tb_tmpdir)
trap 'rm -rf "$D"' EXIT INT TERM

# svgcheck FILE TAG RUNS MINPOINTS: parses; TAG in <title>; RUNS opaque
# strokes in colours not grey, one a colour, each with MINPOINTS vertices
# or more (Cairo drops a segment to where the pen already is)
svgcheck() {
	python3 - "$@" <<'PY'
import re, sys, xml.etree.ElementTree as ET
path, tag, runs, minpts = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
root = ET.parse(path).getroot()
ns = '{http://www.w3.org/2000/svg}'
title = root.find(ns + 'title')
if title is None or tag not in title.text:
    sys.exit('no <title> naming %r: %r' % (tag, None if title is None else title.text))
lines = {}
for p in root.iter(ns + 'path'):
    st = p.get('style', '')
    m = re.search(r'stroke:rgb\(([^)]*)\)', st)
    o = re.search(r'stroke-opacity:([0-9.]+)', st)
    if not m or (o and float(o.group(1)) < 1):
        continue        # no stroke, or a faint raw line
    rgb = tuple(m.group(1).split(','))
    if len(set(rgb)) == 1:
        continue        # greys: the frame and the grid
    lines.setdefault(rgb, []).append(len(re.findall(r'[ML]', p.get('d', ''))))
if len(lines) != runs or any(len(v) != 1 or v[0] < minpts for v in lines.values()):
    sys.exit('want %d run lines of >= %d points, one a colour: %r' % (runs, minpts, lines))
PY
}

if [ -z "${TB_REALDATA:-}" ] || [ ! -d "$TB_REALDATA/tfevents/AguLeon__LoRA_RoBERTa_AGNews" ]; then
	skip "../shared/realdata is absent: the HF sweep's SVG not tried"
	skip "../shared/realdata is absent: the HF sweep's PNGs not tried"
	skip "../shared/realdata is absent: the HF sweep's grid not tried"
	skip "../shared/realdata is absent: text snapshots not tried"
else
	R="$TB_REALDATA/tfevents/AguLeon__LoRA_RoBERTa_AGNews"
	"$TB_BIN" snapshot --logdir "$R" --tag eval/loss -o "$D/loss.svg" 2>"$D/err"
	check "HF sweep: eval/loss as an SVG (exit 0, no message)" test $? -eq 0 -a ! -s "$D/err"
	out=$(svgcheck "$D/loss.svg" eval/loss 5 2 2>&1)
	check "HF sweep SVG: parses, names eval/loss, one opaque line a run, in colours of their own" test -z "$out"
	[ -z "$out" ] || diag "$out"
	fails=""
	for k in 0 1 2 3 4; do
		"$TB_BIN" snapshot --logdir "$R" --run "run$k\$" --tag train/grad_norm --width 640 --height 400 \
			-o "$D/r$k.png" || fails="$fails run$k:exit"
		st=$("$STAT" "$D/r$k.png")
		echo "$st" | grep -qx 'size 640 400' || fails="$fails run$k:size"
		own=$(echo "$st" | awk -v c=$((k + 1)) '$1 == "color" && $2 == c { print $3 }')
		others=$(echo "$st" | awk -v c=$((k + 1)) '$1 == "color" && $2 != c && $2 <= 5 { s += $3 } END { print s + 0 }')
		[ "${own:-0}" -ge 200 ] && [ "$others" -eq 0 ] || fails="$fails run$k:$own/$others"
		diag "run$k: $own pixels of its colour, $others of others"
	done
	check "HF sweep PNGs: 640x400, each run's line in its own colour ($fails)" test -z "$fails"
	"$TB_BIN" snapshot --logdir "$R" --tag eval/loss --tag 'train/(loss|grad_norm)' --x relative --log \
		-o "$D/grid.svg"
	check "HF sweep: three tags make a grid whose title names them all" \
		sh -c "python3 -c 'import sys,xml.etree.ElementTree as E; t=E.parse(sys.argv[1]).getroot()[0].text; sys.exit(t != \"eval/loss, train/grad_norm, train/loss\")' '$D/grid.svg'"
	LANG=C LC_ALL=C "$TB_BIN" snapshot --logdir "$R" --tag eval/loss --format txt --width 60 --height 12 >"$D/t.txt"
	check "text snapshot: the chart core's cells, ASCII in the C locale, 12 lines" \
		sh -c "test \$(wc -l <'$D/t.txt') -eq 12 && grep -q '^eval/loss  best 0.2896 @ 900' '$D/t.txt' && ! LC_ALL=C grep -q '[^ -~]' '$D/t.txt'"
fi

# a tag holding markup, entities, quotes and control bytes
mkdir -p "$D/evil/run"
evil=$(printf 'x<svg onload="a()">&amp;\047]]>\033[31m\001')
"$APPEND" -H "$D/evil/run/events.out.tfevents.1.h" "$evil" 0 1.0 "$evil" 1 0.5 "$evil" 2 0.25
"$TB_BIN" snapshot --logdir "$D/evil" --tag "$evil" -o "$D/evil.svg" 2>"$D/err"
check "hostile tag: written (exit 0)" test $? -eq 0
out=$(python3 - "$D/evil.svg" <<'PY' 2>&1
import sys, xml.etree.ElementTree as ET
raw = open(sys.argv[1], 'rb').read()
root = ET.fromstring(raw)
t = root.find('{http://www.w3.org/2000/svg}title').text
want = 'x<svg onload="a()">&amp;\']]>\\x1b[31m\\x01'
if t != want:
    sys.exit('title %r, want %r' % (t, want))
if b'\x1b' in raw or b'\x01' in raw or b'<svg onload' in raw:
    sys.exit('raw bytes or markup in the file')
PY
)
check "hostile tag: the SVG parses, its title is the name sanitised, markup escaped" test -z "$out"
[ -z "$out" ] || diag "$out"
check "hostile tag: the same SVG through svgcheck (one line of 3 points)" svgcheck "$D/evil.svg" 'x<svg' 1 3
"$TB_BIN" snapshot --logdir "$D/evil" --tag "$evil" -o "$D/evil.png" && st=$("$STAT" "$D/evil.png")
check "hostile tag: a PNG too, 800x450 by default" sh -c "echo '$st' | grep -qx 'size 800 450'"
"$TB_BIN" snapshot --logdir "$D/evil" --tag nosuchtag -o "$D/none.svg" 2>"$D/err"
check "a tag that is not there: exit 1, said on stderr, no file" \
	sh -c "test $? -eq 1 && grep -q \"no tag 'nosuchtag'\" '$D/err' && test ! -e '$D/none.svg'"
"$TB_BIN" snapshot --logdir "$D/evil" --tag x -o "$D/x.gif" 2>"$D/err"
check "-o FILE.gif: bad usage (exit 2)" test $? -eq 2
done_testing
