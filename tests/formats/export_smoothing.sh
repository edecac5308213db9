#!/bin/sh
# export --smoothing: the smoothed column against the published formulas
# (TensorBoard's debiased EMA: non-finite values skipped and shown as they
# are, a constant series unchanged; W&B's time-weighted EMA on unevenly
# spaced steps), computed here in awk from export's own value column.
. "$TB_SRCDIR/tests/lib.sh"
W="$TB_BUILDDIR/tests/tools/tbwrite"
tmp=$(tb_tmpdir); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/ld/r"
{
	echo header
	for s in 0 1 2 3 4 5 6 7 8 9; do echo "double loss $s $(awk "BEGIN { print 1 / ($s + 1) + ($s % 3) * 0.05 }")"; done
	echo "double loss 10 nan"
	for s in 11 12 13; do echo "double loss $s 0.$s"; done
	for s in 0 1 2 3 4; do echo "double flat $s 2.5"; done
	# uneven logging: dense, then sparse
	for s in 0 1 2 3 50 100 400 1000; do echo "double acc $s $(awk "BEGIN { print 1 - 1 / ($s + 2) + ($s % 2) * 0.1 }")"; done
} | "$W" "$tmp/ld/r/events.out.tfevents.1"

# awk: TensorBoard's EMA over the rows of one tag in step order
ema='BEGIN { FS = "," }
NR > 1 && $2 == tag {
	y = $5 + 0; if ($5 == "nan") nan = 1; else nan = 0
	if (n++ == 0) { first = $5; constant = 1 }
	if ($5 != first) constant = 0
	rows[n] = $0; ys[n] = $5; got[n] = $6
}
END {
	if (tol == "") tol = 1e-12
	last = 0; k = 0; bad = 0
	for (i = 1; i <= n; i++) {
		if (constant || ys[i] == "nan") { want = ys[i] }
		else { last = last * w + (1 - w) * ys[i]; k++; want = last / (1 - w ^ k) }
		if (ys[i] == "nan") { if (got[i] != "nan") bad++ }
		else if ((got[i] - want) > tol || (want - got[i]) > tol) { bad++; print "row " i ": " got[i] " want " want > "/dev/stderr" }
	}
	exit bad != 0 || n == 0
}'
"$TB_BIN" export --logdir "$tmp/ld" --smoothing 0.6 >"$tmp/out.csv"
check "--smoothing: the header names a smoothed column" test "$(head -1 "$tmp/out.csv")" = "run,tag,step,wall_time,value,smoothed"
check "EMA 0.6 on a series with a NaN: TensorBoard's formula" awk -v w=0.6 -v tag=loss "$ema" "$tmp/out.csv"
check "EMA on a constant series: unchanged" awk -v w=0.6 -v tag=flat "$ema" "$tmp/out.csv"
"$TB_BIN" export --logdir "$tmp/ld" --smoothing 0.95 >"$tmp/out95.csv"
check "EMA 0.95: TensorBoard's formula" awk -v w=0.95 -v tag=loss "$ema" "$tmp/out95.csv"
"$TB_BIN" export --logdir "$tmp/ld" --smoothing 0 >"$tmp/out0.csv"
check "--smoothing 0: smoothed equals value" awk -F, 'NR > 1 && $5 != $6 { bad = 1 } END { exit bad }' "$tmp/out0.csv"
"$TB_BIN" export --logdir "$tmp/ld" >"$tmp/plain.csv"
check "without --smoothing: the columns as before" sh -c "head -1 '$tmp/plain.csv' | grep -qx 'run,tag,step,wall_time,value' && cut -d, -f1-5 '$tmp/out.csv' | cmp -s - '$tmp/plain.csv'"

# W&B's time-weighted EMA: weight sqrt(w) decaying with the step distance
# as a share of the series' step range (x 1000), debiased
"$TB_BIN" export --logdir "$tmp/ld" --smoothing 0.6 --smoothing-method twema --tag acc >"$tmp/tw.csv"
check "twema on uneven steps: W&B's formula" awk -F, -v w=0.6 'NR > 1 { n++; st[n] = $3; ys[n] = $5; got[n] = $6 }
END {
	b = sqrt(w); if (b > 0.999) b = 0.999; range = st[n] - st[1]; last = 0; deb = 0; bad = 0
	for (i = 1; i <= n; i++) {
		dx = i > 1 ? st[i] - st[i - 1] : 0; adj = b ^ (dx / range * 1000)
		last = last * adj + ys[i]; deb = deb * adj + 1; want = last / deb
		if ((got[i] - want) > 1e-12 || (want - got[i]) > 1e-12) bad++
	}
	exit bad != 0 || n != 8
}' "$tmp/tw.csv"
"$TB_BIN" export --logdir "$tmp/ld" --smoothing 0.1 --smoothing-method avg --tag acc >"$tmp/avg.csv"
check "avg 0.1 (5 points each side): a centred mean" awk -F, 'NR > 1 { n++; ys[n] = $5; got[n] = $6 }
END {
	for (i = 1; i <= n; i++) {
		s = 0; c = 0
		for (j = i - 5; j <= i + 5; j++) if (j >= 1 && j <= n) { s += ys[j]; c++ }
		if ((got[i] - s / c) > 1e-12 || (s / c - got[i]) > 1e-12) bad++
	}
	exit bad != 0 || n != 8
}' "$tmp/avg.csv"
"$TB_BIN" export --logdir "$tmp/ld" --smoothing 0.6 --format json >"$tmp/out.json"
check "JSON: a smoothed member, NaN as a string" sh -c "grep -q '\"value\": \"nan\", \"smoothed\": \"nan\"}' '$tmp/out.json' && grep -c '\"smoothed\": ' '$tmp/out.json' | grep -qx 27"
if command -v python3 >/dev/null 2>&1; then
	check "JSON: valid" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/out.json"
fi
if [ -n "${TB_REALDATA:-}" ]; then
	D="$TB_REALDATA/tfevents/AguLeon__LoRA_RoBERTa_AGNews"
	"$TB_BIN" export --logdir "$D" --smoothing 0.6 -j 1 >"$tmp/r1.csv" 2>/dev/null
	"$TB_BIN" export --logdir "$D" --smoothing 0.6 -j 4 >"$tmp/r4.csv" 2>/dev/null
	check "real Trainer runs: -j 4 writes the bytes of -j 1" cmp -s "$tmp/r1.csv" "$tmp/r4.csv"
	check "real Trainer runs: eval/loss of runs/run3 by TensorBoard's formula (float32 values as printed: 1e-6)" sh -c "grep '^runs/run3,' '$tmp/r1.csv' | sed '1i h' | awk -v w=0.6 -v tol=1e-6 -v tag=eval/loss '$ema'"
else
	skip "../shared/realdata not found: real runs not tried"
	skip "../shared/realdata not found: real runs not tried"
fi
done_testing
