# hardening_lib.sh: helpers for the fault, terminal-safety and read-only
# tests. Source after lib.sh.
TBW="$TB_BUILDDIR/tests/tools/tbwrite"
TBA="$TB_BUILDDIR/tests/tools/tbappend"
TTYSCAN="$TB_BUILDDIR/tests/tools/ttyscan"
[ -x "$TBW" ] && [ -x "$TBA" ] && [ -x "$TTYSCAN" ] || skip_all "test tools not built (make check builds them)"

# bounded: every command that could block or spin runs under this
run_bounded() { timeout 20 "$@"; }

# as_user CMD...: run as an unprivileged user (permission tests mean
# nothing to root); AS_USER is empty when no way to drop privileges works
AS_USER=
if [ "$(id -u)" != 0 ]; then
	AS_USER=" "
elif command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	AS_USER="setpriv --reuid=65534 --regid=65534 --clear-groups"
fi
as_user() { $AS_USER "$@"; }
# can the unprivileged user reach the binary at all (a build under /root cannot)?
user_can_run() { [ -n "$AS_USER" ] && as_user test -x "$1" 2>/dev/null; }

# max_rss CMD...: run CMD (not a shell function) with its peak RSS in KB
# left in $T/rss (empty when /usr/bin/time is missing); returns its status
max_rss() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -o "$T/rss.out" -f %M "$@"
		_st=$?
		tail -n 1 "$T/rss.out" >"$T/rss"
		return $_st
	else
		: >"$T/rss"
		"$@"
	fi
}

# hostile_logdir DIR: runs and tags that try to drive the terminal
HOSTILE_RUNS="osc52 title cursor c1 bidi ctl"
hostile_logdir() {
	d=$1
	mkdir -p "$d"
	# run directory names carry the payloads too (bytes, via printf)
	for r in "$(printf 'run\033]0;pwned\007T')" "$(printf 'c1\302\233999;999H')" \
		"$(printf 'raw\233999;999H')" "$(printf 'bidi\342\200\256evil')" \
		"$(printf 'cr\rover\bback\ttab')" "$(printf 'bad\377\376\300\257')" \
		"$(printf 'wide\345\256\275\345\255\227zw\342\200\213j')"; do
		mkdir -p "$d/$r"
		"$TBW" "$d/$r/events.out.tfevents.1.h" <<'TAGS'
header
scalar clip\e]52;c;cHduZWQ=\x07 1 0.5
scalar title\e]0;pwned\x07 1 0.5
scalar cur\e[2J\e[H\e[999;999H\e[6n 1 2
scalar c1\xc2\x9b999;999H 1 3
scalar raw\x9b999;999H 1 3
scalar bidi\xe2\x80\xaegnp.exe 1 4
scalar cr\rover\x08back\ttab 1 5
scalar bad\xff\xfe\xc0\xaf 1 6
scalar zw\xe2\x80\x8bj\xef\xbb\xbf\xe2\x81\xa6x 1 7
scalar 宽字符宽字符宽字符 1 8
scalar dcs\eP+q544e\e\\ 1 9
TAGS
	done
}

# no_payloads FILE: none of the payloads' distinctive raw byte strings
# appears in FILE (ESC ], ESC P, ESC [999;999H, ESC [6n, raw C1 0x9b
# before "999", U+202E); prints what it found
no_payloads() {
	LC_ALL=C grep -c "$(printf '\033\\]\|\033P\|\033\\[999;999H\|\033\\[6n\|\233999\|\342\200\256')" "$1" >/dev/null && {
		LC_ALL=C grep -o "$(printf '.\\{0,6\\}\\(\033\\]\\|\033P\\|\033\\[999;999H\\|\033\\[6n\\|\233999\\|\342\200\256\\)')" "$1" | od -c | head -5 | sed 's/^/# /'
		return 1
	}
	return 0
}

# pty_capture OUT COLS ROWS CMD: run CMD (a shell string) on a pseudo
# terminal of that size, every byte it writes saved in OUT
pty_capture() {
	out=$1 cols=$2 rows=$3
	shift 3
	run_bounded script -q -e -c "stty cols $cols rows $rows; $*" "$out.raw" </dev/null >/dev/null 2>&1
	st=$?
	# drop script's own header and footer lines
	sed '1{/^Script started/d}; ${/^Script done/d}' "$out.raw" >"$out"
	return $st
}
