#!/bin/sh
# tailboard watch --once over every kind of ../shared/realdata: the alerts
# counted by kind, as judged by hand when the detectors' defaults were
# chosen (the points in the order their files hold them, restarts and
# all; tests/formats/health_realdata.sh runs them on export's sorted
# order); a change in them is a change to judge again. The same with one
# thread, and as JSON Lines.
. "$TB_SRCDIR/tests/lib.sh"
[ -n "$TB_REALDATA" ] || skip_all "../shared/realdata is absent"
T=$(tb_tmpdir)
trap 'rm -rf "$T"' EXIT
R=$TB_REALDATA
SPEC="tfevents:$R/tfevents,lightning:$R/lightning,wandb:$R/wandb,trainer_state:$R/trainer_state,keras_csv:$R/keras_csv"
"$TB_BIN" watch --once --logdir_spec "$SPEC" >"$T/once" 2>"$T/err"
check "exit 0" test $? = 0
check "no messages" test ! -s "$T/err"
sed 's/^/# /' "$T/once"
last=$(tail -n 1 "$T/once")
for want in nan=0 spike=3 plateau=6 diverge=5 stall=0 stopped=0 finished=18; do
	check "--once: $want" sh -c "echo '$last' | grep -q ' $want\( \|\$\)'"
done
check "finished runs say how: 9 W&B runs crashed (exit 1)" test "$(grep -c '^finished.*(exit 1)$' "$T/once")" = 9
"$TB_BIN" watch --once -j 1 --logdir_spec "$SPEC" >"$T/one" 2>/dev/null
check "one thread: the same lines" cmp -s "$T/once" "$T/one"
"$TB_BIN" watch --once --json --logdir_spec "$SPEC" >"$T/json" 2>/dev/null
check "JSON: as many lines" test "$(wc -l <"$T/json")" = "$(wc -l <"$T/once")"
check "JSON: the same counts" grep -q '"counts":{"nan":0,"spike":3,"plateau":6,"diverge":5,"stall":0,"stopped":0,"finished":18}}$' "$T/json"
done_testing
