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
check "summary: last_write in ISO 8601 UTC" grep -qE '	[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' "$tmp/out"
check "summary to a file: tab-separated" sh -c "sed -n 2p '$tmp/out' | awk -F'\t' '{ exit NF != 11 }'"
if command -v script >/dev/null 2>&1; then
	script -qec "'$TB_BIN' summary --logdir '$tmp/ld'" /dev/null | tr -d '\r' > "$tmp/tty"
	check "summary on a terminal: no tabs, columns aligned" sh -c "! grep -q '	' '$tmp/tty' &&
		test \$(head -1 '$tmp/tty' | awk '{ print index(\$0, \"last_write\") }') -eq \$(sed -n 2p '$tmp/tty' | awk '{ print index(\$0, \"20\") }')"
else
	skip "script(1) not installed: summary on a terminal not tried"
fi
# a locale that writes numbers with a comma changes nothing read or written
comma=$(locale -a 2>/dev/null | grep -iE '^(de_DE|fr_FR|ru_RU)\.utf-?8$' | head -1)
if [ -z "$comma" ] && mkdir -p "$tmp/loc" && localedef -i de_DE -f UTF-8 "$tmp/loc/de_DE.UTF-8" >/dev/null 2>&1; then
	comma=de_DE.UTF-8
	export LOCPATH="$tmp/loc"
fi
printf 'step,loss\n1,0.25\n2,0.125\n' > "$tmp/ld/r/m.csv"
if [ -n "$comma" ]; then
	check "LC_ALL=$comma: export prints the same points" \
		sh -c "test \"\$(LC_ALL=$comma '$TB_BIN' export --logdir '$tmp/ld')\" = \"\$(LC_ALL=C '$TB_BIN' export --logdir '$tmp/ld')\""
	check "LC_ALL=$comma: a CSV's 0.25 is read as 0.25" sh -c "LC_ALL=$comma '$TB_BIN' export --logdir '$tmp/ld' | grep -q ',0.25$'"
else
	skip "no comma-decimal locale installed, nor its source to build one (apt-get install locales)"
fi
unset LOCPATH
# --filter: an expression over runs' facts, for export and summary
mkdir -p "$tmp/fl/a" "$tmp/fl/b"
printf 'step,loss\n1,0.5\n' > "$tmp/fl/a/m.csv"
printf 'step,loss,acc\n1,0.4,0.9\n2,0.3,0.95\n' > "$tmp/fl/b/m.csv"
check "--filter: export keeps the runs it matches" \
	test "$("$TB_BIN" export --logdir "$tmp/fl" --filter 'has:acc and points>2' | cut -d, -f1 | sort -u | tr '\n' ' ')" = "b run "
check "--filter: summary too" test "$("$TB_BIN" summary --logdir "$tmp/fl" --filter 'not name~b' | cut -f1 | sort -u | tr '\n' ' ')" = "a run "
"$TB_BIN" summary --logdir "$tmp/fl" --filter 'points>=' >/dev/null 2>"$tmp/err"
check "--filter: a bad expression, exit 2, the column named" sh -c "test $? -eq 2 && grep -q '^tailboard: --filter: column 9: ' '$tmp/err'"
# --notify: the screen's and watch's, bell and osc only
"$TB_BIN" --logdir "$tmp/fl" --notify=beep >/dev/null 2>"$tmp/err"
check "--notify=beep: exit 2, named" sh -c "test $? -eq 2 && grep -q \"not 'beep'\" '$tmp/err'"
"$TB_BIN" export --logdir "$tmp/fl" --notify >/dev/null 2>"$tmp/err"
check "--notify with export: exit 2" sh -c "test $? -eq 2 && grep -q 'goes with the screen' '$tmp/err'"
check "--notify in --help, its lines within 80 columns" sh -c "\"\$0\" --help | grep -A2 -- '--notify\[=bell,osc\]' | awk 'length <= 80 { n++ } END { exit n != 3 }'" "$TB_BIN"
# a broken pipe ends export quietly
"$TB_BIN" export --logdir "$tmp/ld" 2>"$tmp/err" | head -n 0
check "broken pipe: no message" test ! -s "$tmp/err"
done_testing
