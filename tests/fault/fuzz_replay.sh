#!/bin/sh
# Replay every fuzz target over its regression inputs (crashes found by
# the fuzzers, minimised by hand) and over real files from
# ../shared/realdata; under --enable-sanitizers this is a fault test.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/fuzz/seeds.sh"
dir="$TB_BUILDDIR/tests/fuzz"
[ -x "$dir/replay_pb" ] || skip_all "fuzzing build: the replay binaries are not built (use make fuzz-smoke)"
tmp=$(tb_tmpdir); trap 'rm -rf "$tmp"' EXIT
for t in tfevents wandb wandb_history trainer_state csv jsonl gzip pb sanitize filter yaml wandb_output s3_list; do
	set --
	for f in "$TB_SRCDIR/tests/fuzz/regressions/$t"/*; do [ -f "$f" ] && set -- "$@" "$f"; done
	nreg=$#
	for f in $(seeds_for "$t" | head -n 15); do
		if [ "$t" = gzip ]; then gzip -c "$f" >"$tmp/$(basename "$f").gz"; f="$tmp/$(basename "$f").gz"; fi
		set -- "$@" "$f"
	done
	if [ $# -eq 0 ]; then skip "$t: no inputs (realdata absent, no regressions)"; continue; fi
	check "$t: $nreg regression inputs and $(($# - nreg)) real files replay cleanly" "$dir/replay_$t" "$@"
done
done_testing
