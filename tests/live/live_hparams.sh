#!/bin/sh
# Hyperparameters that arrive while a logdir is watched: PyTorch's
# add_hparams makes a time-named child directory of a run that is already
# being read; its hparams and metric values join that run, never a run of
# their own, however the directory and its file appear (the file is
# created empty, then written).
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/live/live_lib.sh"
W="$TB_BUILDDIR/tests/tools/tbwrite"

L="$T/logs"
mkdir -p "$L/exp1"
"$APPEND" -H "$L/exp1/events.out.tfevents.1.host" loss 1 1 loss 2 2
drv_start "$L"
wait_for "the run is loaded" runs "$(printf 'exp1\t2\tlive')"

C="$L/exp1/1700000000.1234567"
mkdir "$C"
: >"$C/events.out.tfevents.2.host"
sleep 0.2
printf 'header\nhparams lr=0.001 optimizer=adam\nscalar hparam/accuracy 0 0.875\n' | "$W" "$C/events.out.tfevents.2.host"
wait_for "add_hparams' child: its hparams are the parent run's" hparams \
	"$(printf 'exp1\tlr\t0.001\nexp1\toptimizer\tadam')"
wait_for "its metric value too, and no run of its own" runs "$(printf 'exp1\t3\tlive')"
want=$(rows exp1 hparam/accuracy 0 0.875; rows exp1 loss 1 1 2 2)
wait_for "the parent's points unchanged" dump "$want"
drv_stop
check "nothing reported" test ! -s "$T/err"
done_testing
