#!/bin/sh
# smoke.sh DIR TARGET...: run each libFuzzer target for FUZZ_SECONDS from a
# temporary corpus seeded with real files (never committed), then print
# executions and coverage. A crash fails the run and leaves its input in
# the temporary directory, named in the output.
set -u
dir=$1; shift
. "$TB_SRCDIR/tests/lib.sh" >/dev/null 2>&1 || true
. "$TB_SRCDIR/tests/fuzz/seeds.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/tailboard-fuzz.XXXXXX")
status=0
for t in "$@"; do
	corpus="$work/$t/corpus"; mkdir -p "$corpus" "$work/$t/crashes"
	seeds_for "$t" | while read -r f; do
		if [ "$t" = gzip ]; then gzip -c "$f" >"$corpus/$(basename "$f").gz"; else cp "$f" "$corpus/"; fi
	done
	[ -d "$TB_SRCDIR/tests/fuzz/regressions/$t" ] && cp "$TB_SRCDIR/tests/fuzz/regressions/$t"/* "$corpus/" 2>/dev/null
	# a dictionary of the words a target's input is made of, where one helps
	dict=
	[ -f "$TB_SRCDIR/tests/fuzz/$t.dict" ] && dict="-dict=$TB_SRCDIR/tests/fuzz/$t.dict"
	"$dir/fuzz_$t" "$corpus" ${dict:+"$dict"} -max_total_time="${FUZZ_SECONDS:-60}" -max_len=65536 -rss_limit_mb=2048 \
		-timeout=10 -print_final_stats=1 -artifact_prefix="$work/$t/crashes/" >"$work/$t/log" 2>&1
	rc=$?
	runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$t/log" | grep -o '[0-9]*$')
	cov=$(grep -o 'cov: [0-9]*' "$work/$t/log" | tail -n 1 | grep -o '[0-9]*')
	secs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$work/$t/log" | grep -o 'in [0-9]*' | grep -o '[0-9]*')
	printf 'fuzz %-14s %10s execs  %6s s  %6s edges  %s\n' "$t" "${runs:-?}" "${secs:-?}" "${cov:-?}" \
		"$([ $rc -eq 0 ] && echo clean || echo "CRASH: see $work/$t")"
	if [ $rc -ne 0 ]; then status=1; tail -n 30 "$work/$t/log"; fi
done
[ $status -eq 0 ] && rm -rf "$work"
exit $status
