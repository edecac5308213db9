#!/bin/sh
# Command line: GNU --help/--version, usage errors, exit statuses, -o.
. "$TB_SRCDIR/tests/lib.sh"
W="$TB_BUILDDIR/tests/tools/tbwrite"
tmp=$(tb_tmpdir); trap 'rm -rf "$tmp"' EXIT
"$TB_BIN" --help >"$tmp/out" 2>&1
check "--help exits 0" test $? -eq 0
check "--help starts with Usage:" grep -q '^Usage: tailboard' "$tmp/out"
"$TB_BIN" --version >"$tmp/out" 2>&1
check "--version exits 0 and names the version" sh -c "test $? -eq 0 && head -n 1 '$tmp/out' | grep -q '^tailboard [0-9]'"
"$TB_BIN" --bogus >/dev/null 2>"$tmp/err"
check "unknown option: exit 2" test $? -eq 2
check "unknown option: hint at --help" grep -q "Try 'tailboard --help'" "$tmp/err"
"$TB_BIN" export >/dev/null 2>&1
check "no logdir: exit 2" test $? -eq 2
"$TB_BIN" export --logdir "$tmp/missing" >/dev/null 2>"$tmp/err"
check "missing logdir: exit 1" test $? -eq 1
check "missing logdir: tailboard: PATH: what" grep -q "^tailboard: $tmp/missing: No such file or directory" "$tmp/err"
"$TB_BIN" export --smoothing 2 --logdir "$tmp" >/dev/null 2>&1
check "smoothing out of range: exit 2" test $? -eq 2
mkdir -p "$tmp/ld/r"
printf 'header\nscalar loss 1 0.5\nscalar acc 1 0.9\n' | "$W" "$tmp/ld/r/events.out.tfevents.1"
"$TB_BIN" export --logdir "$tmp/ld" -o "$tmp/out.csv" 2>/dev/null
check "-o writes the file" test "$(wc -l <"$tmp/out.csv")" -eq 3
check "-o leaves no temporary file" test "$(ls "$tmp" | grep -c 'out.csv.tmp')" -eq 0
check "--tag filters (case-insensitive)" test "$("$TB_BIN" export --tag LOSS --logdir "$tmp/ld" | wc -l)" -eq 2
check "--run filters" test "$("$TB_BIN" export --run nomatch --logdir "$tmp/ld" | wc -l)" -eq 1
"$TB_BIN" export --tag '(' --logdir "$tmp/ld" >/dev/null 2>"$tmp/err"
check "bad regex: exit 2 with a message" sh -c "test $? -eq 2 && grep -q 'bad --tag regex' '$tmp/err'"
"$TB_BIN" summary --stats --logdir "$tmp/ld" >"$tmp/out"
check "summary --stats prints totals" grep -q '^# stats: runs 1, files 1 .* points 2,' "$tmp/out"
check "summary: best of acc is max" grep -q '^r	acc	1	1	1	0.9	max	0.9	1	-	[^	]*$' "$tmp/out"
# a broken pipe ends export quietly
"$TB_BIN" export --logdir "$tmp/ld" 2>"$tmp/err" | head -n 0
check "broken pipe: no message" test ! -s "$tmp/err"
done_testing
