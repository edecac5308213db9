#!/bin/sh
# fault_output.sh: export and summary writing where writes fail: stdout
# closed, a full device, a pipe closed early. No crash or hang, exit 1, at
# most one line on stderr (none for the pipe: the reader chose to stop).
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/fault/hardening_lib.sh"
T=$(tb_tmpdir)
trap 'rm -rf "$T"' EXIT INT TERM
mkdir -p "$T/L/r"
# enough rows to fill any pipe buffer
printf 'header\nmany loss 200000\n' | "$TBW" "$T/L/r/events.out.tfevents.1.h"
# and enough tags for a summary longer than a pipe buffer
seq 1 5000 | sed 's/.*/scalar tag_with_a_long_name_&  1 1/' | "$TBW" "$T/L/r/events.out.tfevents.2.h"

# lines FILE: stderr lines
lines() { wc -l <"$1" | tr -d ' '; }

for cmd in export summary "export --format json"; do
	# stdout closed
	run_bounded "$TB_BIN" $cmd --logdir "$T/L" >&- 2>"$T/err"
	st=$?
	check "$cmd, stdout closed: exit 1 (status $st), one line on stderr ($(lines "$T/err"))" \
		sh -c "test $st -eq 1 && test $(lines "$T/err") -eq 1"
	if [ -w /dev/full ]; then
		run_bounded "$TB_BIN" $cmd --logdir "$T/L" >/dev/full 2>"$T/err"
		st=$?
		check "$cmd, /dev/full: exit 1 (status $st), one line naming the error" \
			sh -c "test $st -eq 1 && test $(lines "$T/err") -eq 1 && grep -q 'No space left' '$T/err'"
	else
		skip "/dev/full not available"
	fi
	# a pipe whose reader leaves after one line; the status of tailboard
	# itself comes back through a file
	{ run_bounded "$TB_BIN" $cmd --logdir "$T/L" 2>"$T/err"; echo $? >"$T/st"; } | head -n 1 >/dev/null
	st=$(cat "$T/st")
	check "$cmd, broken pipe: exit 1, not killed or hung (status $st), stderr quiet" \
		sh -c "test '$st' = 1 && test ! -s '$T/err'"
done

# -o into a directory that does not exist: one line, exit 1
run_bounded "$TB_BIN" export --logdir "$T/L" -o "$T/nowhere/out.csv" 2>"$T/err"
st=$?
check "export -o into a missing directory: exit 1 (status $st), one line" \
	sh -c "test $st -eq 1 && test $(lines "$T/err") -eq 1"
done_testing
