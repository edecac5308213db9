#!/bin/sh
# fault_many.sh: one directory holding a great many tiny files
# (TB_MANY_FILES, default 200000): empty files named like event files, and
# as many other files. Loading must finish and memory stay bounded: a few
# KB per tracked file at most, nothing per ignored file.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/fault/hardening_lib.sh"
T=$(tb_tmpdir)
trap 'rm -rf "$T"' EXIT INT TERM
N=${TB_MANY_FILES:-200000}
mkdir -p "$T/ev/run" "$T/junk/run"
(cd "$T/ev/run" && seq 1 "$N" | sed 's/^/events.out.tfevents./' | xargs touch) || skip_all "cannot create $N files here"
(cd "$T/junk/run" && seq 1 "$N" | xargs touch) || skip_all "cannot create $N files here"
printf 'header\nscalar loss 1 0.5\n' | "$TBW" "$T/ev/run/events.out.tfevents.0"
diag "$N files in each directory"

max_rss timeout 120 "$TB_BIN" summary --logdir "$T/junk" >"$T/out" 2>"$T/err"
st=$?
rss=$(cat "$T/rss")
check "$N non-metrics files: summary finishes (status $st)" test $st -eq 0
[ -z "$rss" ] || check "$N non-metrics files: peak RSS $rss KB < 64 MB" test "$rss" -lt 65536

max_rss timeout 120 "$TB_BIN" summary --logdir "$T/ev" >"$T/out" 2>"$T/err"
st=$?
rss=$(cat "$T/rss")
check "$N empty event files: summary finishes (status $st)" test $st -eq 0
check "$N empty event files: the one with a point is summarised" grep -q "^run	loss	1	" "$T/out"
check "$N empty event files: nothing reported (empty files are files not yet written)" test ! -s "$T/err"
limit=$((N * 2 + 65536))
[ -z "$rss" ] || check "$N empty event files: peak RSS $rss KB < 2 KB a file + 64 MB" test "$rss" -lt "$limit"
done_testing
