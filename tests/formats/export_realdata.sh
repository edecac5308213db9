#!/bin/sh
# export_realdata.sh: export prints, byte for byte, what it printed before
# numbers were formatted without printf (tests/tools/export_ref: the old
# write path on the old formatting, tests/tools/oldfmt.h): every logdir of
# ../shared/realdata and two generated ones, CSV and JSON; and with -j 4 what
# it prints with -j 1.
. "$TB_SRCDIR/tests/lib.sh"
REF="$TB_BUILDDIR/tests/tools/export_ref"
GEN="$TB_BUILDDIR/tests/tools/tbgen"
[ -x "$REF" ] && [ -x "$GEN" ] || skip_all "export_ref/tbgen not built"
D=$(tb_tmpdir)
trap 'rm -rf "$D"' EXIT INT TERM

# same LABEL LOGDIR [--format json]: the three agree, bytes and exit
# status, and when need_rows is 1 the export has rows (its own names: sh
# has no locals, and the callers loop over a variable of their own)
same() {
	s_label=$1 s_dir=$2
	shift 2
	"$REF" "$@" "$s_dir" >"$D/ref" 2>/dev/null
	s_ref=$?
	"$TB_BIN" export -j 1 "$@" --logdir "$s_dir" >"$D/j1" 2>/dev/null
	s_j1=$?
	"$TB_BIN" export -j 4 "$@" --logdir "$s_dir" >"$D/j4" 2>/dev/null
	s_j4=$?
	if [ "$need_rows" = 1 ] && { [ "$s_j1" -ne 0 ] || [ "$(wc -l <"$D/j1")" -lt 3 ]; }; then
		not_ok "$s_label: no rows (exit $s_j1)"
	elif cmp -s "$D/ref" "$D/j1" && cmp -s "$D/j1" "$D/j4" && [ "$s_ref $s_j4" = "$s_j1 $s_j1" ]; then
		ok "$s_label: $(wc -c <"$D/j1") bytes as before, -j 4 as -j 1"
	else
		not_ok "$s_label: differs (exit $s_ref, $s_j1, $s_j4; old/-j 1: $(cmp "$D/ref" "$D/j1" 2>&1 | head -n 1); -j 1/-j 4: $(cmp "$D/j1" "$D/j4" 2>&1 | head -n 1))"
		diff "$D/ref" "$D/j1" | head -n 6 | sed 's/^/# /'
	fi
}

# float32 values, 0.25 s and microsecond clocks; a tag of every kind
"$GEN" -r 5 -t 8 -s 20000 "$D/gen" >/dev/null
"$GEN" -u -r 3 -t 8 -s 20000 "$D/genu" >/dev/null
need_rows=1
for ld in gen genu; do
	same "generated $ld, csv" "$D/$ld"
	same "generated $ld, json" "$D/$ld" --format json
done

if [ -z "${TB_REALDATA:-}" ]; then
	skip "../shared/realdata is absent: the real logs"
	done_testing
fi
need_rows=0     # a few real logdirs hold no scalars
for kind in tfevents wandb trainer_state lightning keras_csv; do
	for ld in "$TB_REALDATA/$kind"/*; do
		[ -d "$ld" ] || continue
		same "${ld#$TB_REALDATA/}, csv" "$ld"
		same "${ld#$TB_REALDATA/}, json" "$ld" --format json
	done
done
done_testing
