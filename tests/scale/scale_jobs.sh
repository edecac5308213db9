#!/bin/sh
# scale_jobs.sh: the headless load on several threads (--jobs) gives the
# same output, the same messages in the same order and the same exit
# status as on one: on the real logs, and on a generated sweep with
# restarts, torn tails and corrupt records in some of its runs.
. "$TB_SRCDIR/tests/lib.sh"

GEN="$TB_BUILDDIR/tests/tools/tbgen"
APPEND="$TB_BUILDDIR/tests/tools/tbappend"
[ -x "$GEN" ] && [ -x "$APPEND" ] || skip_all "tbgen/tbappend not built"
D=$(tb_tmpdir)
trap 'rm -rf "$D"' EXIT INT TERM

# same stdout, stderr and status with -j 1 and -j N
same() { # same LABEL ARGS...
	label=$1
	shift
	"$TB_BIN" "$@" -j 1 >"$D/out1" 2>"$D/err1"
	rc1=$?
	for j in 2 3 8; do
		"$TB_BIN" "$@" -j $j >"$D/outj" 2>"$D/errj"
		rcj=$?
		check "$label: -j $j prints what -j 1 does" cmp -s "$D/out1" "$D/outj"
		check "$label: -j $j reports what -j 1 does, in the same order" cmp -s "$D/err1" "$D/errj"
		check "$label: -j $j exits as -j 1 does ($rc1)" test "$rcj" -eq "$rc1"
	done
}

"$GEN" -r 40 -t 3 -s 500 "$D/logs" >/dev/null
# a second file in a run, read after the first on the same thread
"$APPEND" "$D/logs/run00003/events.out.tfevents.1800000000.tbgen.0.0" train/loss 100 9.5 >/dev/null
# a torn tail and a corrupt record
printf 'torn' >>"$D/logs/run00007/events.out.tfevents.1700000000.tbgen.0.0"
f="$D/logs/run00011/events.out.tfevents.1700000000.tbgen.0.0"
printf 'XXXX' | dd of="$f" bs=1 seek=4000 conv=notrunc 2>/dev/null
f="$D/logs/run00029/events.out.tfevents.1700000000.tbgen.0.0"
printf 'XXXX' | dd of="$f" bs=1 seek=2000 conv=notrunc 2>/dev/null
# a CSV run beside the event files
printf 'step,loss\n1,0.5\n2,0.25\n' >"$D/logs/run00013/metrics.csv"

same "generated sweep, export" export --logdir "$D/logs"
same "generated sweep, summary" summary --logdir "$D/logs"
check "the corrupt records are reported" grep -c "fails its CRC" "$D/err1"
check "run00003 read both its files" sh -c \
	"'$TB_BIN' summary -j 4 --logdir '$D/logs' --run 'run00003\$' --tag train/loss | grep -q '	501	0	499	'"

if [ -n "${TB_REALDATA:-}" ]; then
	same "realdata, export" export --logdir "$TB_REALDATA"
	same "realdata, summary" summary --logdir "$TB_REALDATA"
else
	skip "../shared/realdata not found: real logs on several threads"
fi

"$TB_BIN" summary --logdir "$D/logs" -j 0 >/dev/null 2>&1
check "--jobs 0 is bad usage" test $? -eq 2
"$TB_BIN" summary --logdir "$D/logs" --jobs=two >/dev/null 2>&1
check "--jobs two is bad usage" test $? -eq 2
done_testing
