#!/bin/sh
# fault_files.sh: bad things named like event files, read by the headless
# commands: a FIFO, a character device, a symlink loop, a directory loop,
# a 4 GB sparse file, a record claiming 2^60 bytes, an unreadable file,
# directory and logdir. Nothing may block, spin or grow without bound; each
# is reported once, by name, and the good run still loads.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/fault/hardening_lib.sh"
T=$(tb_tmpdir)
trap 'chmod -R u+rwX "$T" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
L="$T/logs"
mkdir -p "$L/good" "$L/odd" "$L/loop"
printf 'header\nscalar loss 1 0.5\nscalar loss 2 0.25\n' | "$TBW" "$L/good/events.out.tfevents.1.h"
GOOD='good,loss,1,1700000000,0.5
good,loss,2,1700000000,0.25'

# export_ok DESC ARGS...: export finishes in time, exit 0, the good run intact
export_ok() {
	desc=$1
	shift
	run_bounded "$TB_BIN" export "$@" >"$T/out" 2>"$T/err"
	st=$?
	if [ $st -eq 124 ]; then
		not_ok "$desc: export did not finish within 20 s"
	elif [ $st -ne 0 ] || ! grep -qF "good,loss,2" "$T/out"; then
		not_ok "$desc: export status $st, good run $(grep -c '^good,' "$T/out") rows"
		sed 's/^/# err: /' "$T/err"
	else
		ok "$desc: export finishes, good run loads"
	fi
}
# said DESC PATTERN: stderr holds exactly one line matching PATTERN
said() {
	n=$(grep -c -- "$2" "$T/err")
	if [ "$n" -eq 1 ]; then ok "$1"; else not_ok "$1 ($n lines match '$2')"; sed 's/^/# err: /' "$T/err"; fi
}

mkfifo "$L/odd/events.out.tfevents.fifo"
export_ok "FIFO named like an event file" --logdir "$L"
said "the FIFO is named as not a regular file" "odd/events.out.tfevents.fifo: not a regular file"
rm "$L/odd/events.out.tfevents.fifo"

# a character device: /dev/zero through a symlink, and a node of our own
ln -s /dev/zero "$L/odd/events.out.tfevents.zero"
ln -s /dev/urandom "$L/odd/events.out.tfevents.random"
mknod "$L/odd/events.out.tfevents.null" c 1 3 2>/dev/null && made_node=1 || made_node=
export_ok "character devices named like event files" --logdir "$L"
said "the /dev/zero link is named" "events.out.tfevents.zero: not a regular file"
said "the /dev/urandom link is named" "events.out.tfevents.random: not a regular file"
if [ -n "$made_node" ]; then
	said "the device node is named" "events.out.tfevents.null: not a regular file"
else
	skip "mknod not permitted here"
fi
rm -f "$L/odd/"*
# a character device given as the logdir itself
run_bounded "$TB_BIN" export --logdir /dev/zero >"$T/out" 2>"$T/err"
st=$?
check "/dev/zero as the logdir: exit 1, no hang (status $st)" test $st -eq 1

# symlink loops: a directory linking to its parent, two links to each other
ln -s .. "$L/loop/up"
ln -s "$L" "$L/loop/root"
ln -s events.out.tfevents.b "$L/loop/events.out.tfevents.a"
ln -s events.out.tfevents.a "$L/loop/events.out.tfevents.b"
export_ok "symlink loops in the logdir" --logdir "$L"
check "no run found through a directory link" sh -c "! grep -q '^loop/' '$T/out'"
check "a file link loop is passed over (dangling links are files not yet there)" sh -c "! grep -q 'events.out.tfevents.a' '$T/err'"
rm -rf "$L/loop"

# a 4 GB sparse file, and one whose second record claims 1 GB then zeros
truncate -s 4G "$L/odd/events.out.tfevents.sparse"
max_rss timeout 20 "$TB_BIN" export --logdir "$L" >"$T/out" 2>"$T/err"
st=$?
rss=$(cat "$T/rss" 2>/dev/null)
check "4 GB sparse file: export finishes (status $st)" test $st -eq 0
said "4 GB sparse file: said not an event file" "events.out.tfevents.sparse: offset 0: not a TensorBoard event file"
if [ -n "$rss" ]; then
	check "4 GB sparse file: peak RSS ${rss} KB < 64 MB" test "$rss" -lt 65536
else
	skip "/usr/bin/time not installed: RSS not measured"
fi
rm "$L/odd/events.out.tfevents.sparse"

# a record whose length (CRC-valid) says 2^60 bytes
printf 'header\nscalar loss 1 0.5\nraw 0000000000000010c4234e8e\nscalar loss 2 9\n' | "$TBW" "$L/odd/events.out.tfevents.huge"
max_rss timeout 20 "$TB_BIN" export --logdir "$L" >"$T/out" 2>"$T/err"
st=$?
rss=$(cat "$T/rss" 2>/dev/null)
check "2^60-byte record: export finishes (status $st)" test $st -eq 0
said "2^60-byte record: reported with its offset" "events.out.tfevents.huge: offset 82: record length is impossibly large"
check "2^60-byte record: the points before it load, none after" \
	test "$(grep '^odd,' "$T/out")" = "odd,loss,1,1700000000,0.5"
[ -z "$rss" ] || check "2^60-byte record: peak RSS ${rss} KB < 64 MB" test "$rss" -lt 65536
# the same record cut short at the end of a file is a record still being
# written: no error, nothing allocated for it
printf 'header\nscalar loss 1 0.5\nraw 0000000000000010c4234e8e\n' | "$TBW" "$L/odd/events.out.tfevents.huge"
: >"$L/odd/events.out.tfevents.huge"
printf 'header\nscalar loss 1 0.5\nraw 0000800c00000000dd547e03\n' | "$TBW" "$L/odd/events.out.tfevents.huge"
max_rss timeout 20 "$TB_BIN" export --logdir "$L" >"$T/out" 2>"$T/err"
st=$?
rss=$(cat "$T/rss" 2>/dev/null)
check "200 MB record cut short: export finishes quietly (status $st)" sh -c "test $st -eq 0 && test ! -s '$T/err'"
[ -z "$rss" ] || check "200 MB record cut short: peak RSS ${rss} KB < 64 MB" test "$rss" -lt 65536
rm -rf "$L/odd"

# permissions: as an unprivileged user
if user_can_run "$TB_BIN"; then
	chmod -R a+rX "$T"
	mkdir -p "$L/closed" "$L/half"
	printf 'header\nscalar loss 1 1\n' | "$TBW" "$L/closed/events.out.tfevents.1.h"
	printf 'header\nscalar loss 1 1\n' | "$TBW" "$L/half/events.out.tfevents.1.h"
	printf 'header\nscalar loss 1 1\n' | "$TBW" "$L/half/events.out.tfevents.2.h"
	chmod 0 "$L/closed" "$L/half/events.out.tfevents.2.h"
	run_bounded $AS_USER "$TB_BIN" export --logdir "$L" >"$T/out" 2>"$T/err"
	st=$?
	check "unreadable directory and file: export exits 0 (status $st)" test $st -eq 0
	said "the unreadable directory is named" "logs/closed: cannot read directory: Permission denied"
	said "the unreadable file is named" "half/events.out.tfevents.2.h: Permission denied"
	check "the rest loads (good and the readable file of half)" \
		sh -c "grep -q '^good,loss,2' '$T/out' && grep -q '^half,loss,1' '$T/out'"
	run_bounded $AS_USER "$TB_BIN" summary --logdir "$L/closed" >"$T/out" 2>"$T/err"
	st=$?
	check "an unreadable logdir: summary exits 1 (status $st)" test $st -eq 1
	said "an unreadable logdir: named once" "closed: cannot read directory"
	check "an unreadable logdir: no claim that there are no runs" sh -c "! grep -q 'no runs found' '$T/err'"
	chmod 755 "$L/closed"
else
	skip "cannot drop privileges (no setpriv, or the build is not readable by nobody): permission cases not run"
fi

done_testing
