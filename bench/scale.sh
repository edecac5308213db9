#!/bin/sh
# scale.sh BUILDDIR: make bench-scale. Generates the workloads with tbgen
# into a temporary directory (removed on exit) and prints the five figures
# and the health monitor's, one line each, every one against a baseline
# measured in the same run.
# BENCH_QUICK=1 shrinks every workload (a smoke run, not the figures).
set -eu
B=${1:-.}
GEN="$B/tests/tools/tbgen"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tailboard-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
if [ "${BENCH_QUICK:-0}" = 1 ]; then
	LOAD_STEPS=20000 BIG=64M FRAME_POINTS=20000
else
	LOAD_STEPS=78125 BIG=1G FRAME_POINTS=1000000
fi
say() { printf '# %s\n' "$*"; }

# 1, 2: 16 runs x 8 tags, one event per scalar like PyTorch's SummaryWriter;
# then export of it against summary
say "generating 16 runs x 8 tags x $LOAD_STEPS steps"
"$GEN" -r 16 -t 8 -s "$LOAD_STEPS" "$TMP/load" >/dev/null
"$B/bench/bench_load" "$TMP/load" "0.25 s"
"$B/bench/bench_load" --mem "$TMP/load" "0.25 s"
"$B/bench/bench_load" --export "$B/tailboard" "$TMP/load" "0.25 s"
# health (issue 14): the monitor's share of the same load
"$B/bench/bench_health" --load "$TMP/load"
rm -rf "$TMP/load"
# the same with microsecond wall times, as time.time() gives real writers:
# they need the 8-byte time column
say "generating 16 runs x 8 tags x $LOAD_STEPS steps, microsecond clocks"
"$GEN" -u -r 16 -t 8 -s "$LOAD_STEPS" "$TMP/load" >/dev/null
"$B/bench/bench_load" "$TMP/load" microsecond
"$B/bench/bench_load" --mem "$TMP/load" microsecond
"$B/bench/bench_load" --export "$B/tailboard" "$TMP/load" microsecond
rm -rf "$TMP/load"

# 3: the chart core on 16 runs x 8 tags x 1M points (and a switch of
# smoothing method); the runs table on 10,000 runs x 50 hyperparameters
"$B/bench/bench_frame" "$FRAME_POINTS" 1000
"$B/bench/bench_table" "$([ "${BENCH_QUICK:-0}" = 1 ] && echo 1000 || echo 10000)"
# and with the runs drawn as 8 groups' bands (issue 13)
"$B/bench/bench_bands" "$FRAME_POINTS"
# the system pane: 8 GPUs and 256 cores over a day of 1 s samples (issue 15)
"$B/bench/bench_system" "$([ "${BENCH_QUICK:-0}" = 1 ] && echo 3600 || echo 86400)"

# 4: one live update on a 16-run logdir
"$GEN" -r 16 -t 8 -s 1000 "$TMP/live" >/dev/null
"$B/bench/bench_pty" live "$B/tailboard" "$TMP/live"
rm -rf "$TMP/live"

# live (issue 4): write -> frame on the terminal, inotify and polling, and
# the CPU an idle screen uses
"$GEN" -r 2 -t 4 -s 1000 "$TMP/lat" >/dev/null
"$B/bench/bench_pty" latency "$B/tailboard" "$TMP/lat" 200
"$B/bench/bench_pty" latency "$B/tailboard" "$TMP/lat" 10 --poll=2
# health (issue 14): append -> alert line on `tailboard watch`'s stdout, and
# a NaN appended -> the frame carrying its alert on the screen
"$B/bench/bench_health" --latency "$B/tailboard" "$TMP/lat" 200
"$B/bench/bench_pty" alert "$B/tailboard" "$TMP/lat" 100
rm -rf "$TMP/lat"
# the detectors per point, fed in batches of 4096 down to 1, against a sum
"$B/bench/bench_health" "$LOAD_STEPS"

# 5: time to the first frame on a big logdir, against an empty one
say "generating a $BIG logdir"
"$GEN" -r 16 -t 8 -b "$BIG" "$TMP/big" >/dev/null
mkdir "$TMP/empty"
"$B/bench/bench_pty" first "$B/tailboard" "$TMP/big" "$TMP/empty" \
	"$(du -sm "$TMP/big" | cut -f1) MB, 16 runs x 8 tags"
