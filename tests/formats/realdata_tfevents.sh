#!/bin/sh
# Every real TensorBoard logdir in ../shared/realdata/expected: `export`
# must print exactly the scalar points TensorBoard's own loader keeps
# (EventAccumulator, all scalars kept, purge_orphaned_data on).
. "$TB_SRCDIR/tests/lib.sh"
[ -n "$TB_REALDATA" ] || skip_all "../shared/realdata is absent"
command -v python3 >/dev/null || skip_all "python3 is needed to compare CSV"
tmp=$(tb_tmpdir); trap 'rm -rf "$tmp"' EXIT
for exp in "$TB_REALDATA"/expected/*.csv; do
	ld=$(head -n 1 "$exp" | sed 's/^# logdir: //')
	# other formats in the same tree are other runs; the reference is TensorBoard's
	"$TB_BIN" export --source tfevents --logdir "$TB_REALDATA/$ld" >"$tmp/out.csv" 2>"$tmp/err"
	st=$?
	if [ $st -eq 0 ] && python3 "$TB_SRCDIR/tests/tools/compare_export.py" "$exp" "$tmp/out.csv" >"$tmp/cmp"; then
		ok "$ld: $(($(wc -l <"$tmp/out.csv") - 1)) points as TensorBoard keeps them"
	else
		not_ok "$ld: export differs from TensorBoard (exit $st)"
		sed 's/^/# /' "$tmp/cmp" "$tmp/err" | head -n 20
	fi
done
# Every event file in the corpus: read without a crash; the errors name a
# file and an offset.
for top in tfevents lightning; do
	"$TB_BIN" summary --stats --logdir "$TB_REALDATA/$top" >"$tmp/sum" 2>"$tmp/err"
	st=$?
	check "$top: summary over the whole tree exits 0" test $st -eq 0
	diag "$(tail -n 1 "$tmp/sum")"
	if [ -s "$tmp/err" ]; then
		check "$top: every error names a file and an offset" \
			sh -c "! grep -v '^tailboard: .*: offset [0-9]*: ' '$tmp/err'"
		sed 's/^/# /' "$tmp/err" | head -n 5
	fi
done
done_testing
