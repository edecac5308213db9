#!/bin/sh
# termsafe_headless.sh: summary, export (CSV and JSON), watch's alert
# lines (text and JSON) and the error lines on stderr, written to a
# terminal (a pty through script), on the hostile
# logdir: no payload and no foreign control reaches the terminal. Both
# TERM=xterm-256color + C.UTF-8 and TERM=vt100 + C.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/fault/hardening_lib.sh"
command -v script >/dev/null 2>&1 || skip_all "script (util-linux) not installed"
T=$(tb_tmpdir)
trap 'rm -rf "$T"' EXIT INT TERM
hostile_logdir "$T/L"
# error messages carry paths: a FIFO and a corrupt file with hostile names
mkfifo "$T/L/$(printf 'fifo\033]0;pwned\007')events.out.tfevents.x"
printf 'garbage that is no record at all\n' >"$T/L/$(printf 'bidi\342\200\256')events.out.tfevents.y"

for tier in "xterm-256color C.UTF-8" "vt100 C"; do
	set -- $tier
	for cmd in summary "summary --stats" export "export --format json"; do
		pty_capture "$T/raw" 150 50 "TERM=$1 LANG=$2 LC_ALL=$2 '$TB_BIN' $cmd --logdir '$T/L'"
		st=$?
		check "$cmd on a tty ($1, $2): exit 0 (status $st)" test $st -eq 0
		check "$cmd on a tty ($1, $2): every tag is there" sh -c "grep -c 'clip' '$T/raw' | grep -qv '^0$'"
		check "$cmd on a tty ($1, $2): no payload reaches the terminal raw" no_payloads "$T/raw"
		"$TTYSCAN" "$T/raw" >"$T/scan"
		check "$cmd on a tty ($1, $2): no foreign control ($(wc -l <"$T/scan") findings)" test ! -s "$T/scan"
		sed 's/^/# /' "$T/scan"
	done
	# stderr alone, on the terminal, with stdout to a file
	pty_capture "$T/raw" 150 50 "TERM=$1 LANG=$2 LC_ALL=$2 '$TB_BIN' summary --logdir '$T/L' >'$T/out'"
	check "error lines on a tty ($1, $2): both bad files named" sh -c "grep -c 'events.out.tfevents.[xy]' '$T/raw' | grep -q '^2$'"
	check "error lines on a tty ($1, $2): no payload" no_payloads "$T/raw"
	"$TTYSCAN" "$T/raw" >"$T/scan"
	check "error lines on a tty ($1, $2): no foreign control" test ! -s "$T/scan"
done
# watch: alert lines name hostile runs and tags (NaN points raise them)
hostile_logdir "$T/W"
mkdir -p "$T/W/$(printf 'nan\033]0;pwned\007run')"
"$TBW" "$T/W/$(printf 'nan\033]0;pwned\007run')/events.out.tfevents.1.h" <<'TAGS'
header
scalar clip\e]52;c;cHduZWQ=\x07 1 nan
scalar cur\e[2J\e[H\e[999;999H\e[6n 1 nan
scalar bidi\xe2\x80\xaegnp.exe 1 nan
TAGS
for tier in "xterm-256color C.UTF-8" "vt100 C"; do
	set -- $tier
	for cmd in "watch --once" "watch --once --json"; do
		pty_capture "$T/raw" 150 50 "TERM=$1 LANG=$2 LC_ALL=$2 '$TB_BIN' $cmd --logdir '$T/W'"
		st=$?
		check "$cmd on a tty ($1, $2): exit 0 (status $st)" test $st -eq 0
		check "$cmd on a tty ($1, $2): three NaN alerts" sh -c "grep -c 'NaN at step 1' '$T/raw' | grep -q '^3$'"
		check "$cmd on a tty ($1, $2): no payload reaches the terminal raw" no_payloads "$T/raw"
		"$TTYSCAN" "$T/raw" >"$T/scan"
		check "$cmd on a tty ($1, $2): no foreign control ($(wc -l <"$T/scan") findings)" test ! -s "$T/scan"
		sed 's/^/# /' "$T/scan"
	done
done
# JSON to a file stays valid whatever the bytes (python3 when present)
"$TB_BIN" export --format json --logdir "$T/L" >"$T/out.json" 2>/dev/null
if command -v python3 >/dev/null 2>&1; then
	check "JSON export of hostile names parses" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d) == 77, len(d)" "$T/out.json"
else
	skip "python3 not installed: JSON validity not checked"
fi
done_testing
