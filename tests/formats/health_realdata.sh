#!/bin/sh
# The health detectors over every series of ../shared/realdata, one-shot
# (export CSV -> tests/tools/health_csv): the counts by kind are the ones
# judged by hand when the defaults were chosen (see the report in
# src/core/health.c); a change in them is a change to judge again. Also:
# the same events whatever the batches, and the stall rule on each run's
# own clock (-r).
. "$TB_SRCDIR/tests/lib.sh"
[ -n "$TB_REALDATA" ] || skip_all "../shared/realdata is absent"
tool="$TB_BUILDDIR/tests/tools/health_csv"
tmp=$(tb_tmpdir); trap 'rm -rf "$tmp"' EXIT
for kind in tfevents lightning wandb trainer_state keras_csv; do
	"$TB_BIN" export --logdir "$TB_REALDATA/$kind" 2>/dev/null | tail -n +2 | sed "s|^|$kind/|"
done >"$tmp/all.csv"
check "export of every kind: some hundred thousand points" test "$(wc -l <"$tmp/all.csv")" -gt 100000
(echo run,tag,step,wall_time,value; cat "$tmp/all.csv") >"$tmp/in.csv"
"$tool" -v <"$tmp/in.csv" >"$tmp/one" || not_ok "health_csv failed"
sed 's/^/# /' "$tmp/one"
last=$(tail -n 1 "$tmp/one")
for want in nan=0 spike=3 plateau=7 diverge=5; do
	check "one-shot: $want" sh -c "echo '$last' | grep -q ' $want[ ;]'"
done
"$tool" -v -b 7 <"$tmp/in.csv" >"$tmp/seven"
check "batches of 7 points: the same events" cmp -s "$tmp/one" "$tmp/seven"
"$tool" -r <"$tmp/in.csv" >"$tmp/replay"
last=$(tail -n 1 "$tmp/replay")
diag "replayed on each run's clock: $last"
for want in stall=12 stopped=0; do
	check "replay: $want" sh -c "echo '$last' | grep -q ' $want[ ;]'"
done
"$tool" --alert 'spik' <"$tmp/in.csv" >/dev/null 2>"$tmp/err"
st=$?
check "a bad rule: exit 2 and the usage" sh -c "test $st -eq 2 && grep -q 'alert rules:' '$tmp/err'"
done_testing
