#!/bin/sh
# afl.sh DIR TARGET...: the same fuzz targets under AFL++ (built with
# CC=afl-clang-fast --enable-fuzzing), each for AFL_SECONDS from real seeds.
set -u
dir=$1; shift
. "$TB_SRCDIR/tests/lib.sh" >/dev/null 2>&1 || true
. "$TB_SRCDIR/tests/fuzz/seeds.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/tailboard-afl.XXXXXX")
status=0
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
for t in "$@"; do
	mkdir -p "$work/$t/in"
	SEED_MAX=8 seeds_for "$t" | while read -r f; do
		if [ "$t" = gzip ]; then gzip -c "$f" >"$work/$t/in/$(basename "$f").gz"; else head -c 65536 "$f" >"$work/$t/in/$(basename "$f")"; fi
	done
	[ -n "$(ls "$work/$t/in")" ] || printf 'x' >"$work/$t/in/x"
	timeout $(( ${AFL_SECONDS:-30} + 30 )) afl-fuzz -i "$work/$t/in" -o "$work/$t/out" -V "${AFL_SECONDS:-30}" \
		-- "$dir/fuzz_$t" >"$work/$t/log" 2>&1
	st="$work/$t/out/default/fuzzer_stats"
	execs=$(awk -F: '/^execs_done/ {gsub(/ /,"",$2); print $2}' "$st" 2>/dev/null)
	edges=$(awk -F: '/^edges_found/ {gsub(/ /,"",$2); print $2}' "$st" 2>/dev/null)
	crashes=$(awk -F: '/^saved_crashes/ {gsub(/ /,"",$2); print $2}' "$st" 2>/dev/null)
	printf 'afl  %-14s %10s execs  %6s edges  %s\n' "$t" "${execs:-?}" "${edges:-?}" \
		"$([ "${crashes:-1}" = 0 ] && echo clean || echo "CRASH or no run: see $work/$t")"
	[ "${crashes:-1}" = 0 ] || status=1
done
[ $status -eq 0 ] && rm -rf "$work"
exit $status
