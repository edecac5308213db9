#!/bin/sh
# Every W&B run in ../shared/realdata/expected_wandb: `export` prints the
# history points W&B's own reader (datastore.py and its protos) finds,
# value for value; our system/ tags (stats records) are not history and
# are left out of the comparison.
. "$TB_SRCDIR/tests/lib.sh"
[ -n "$TB_REALDATA" ] || skip_all "../shared/realdata is absent"
[ -d "$TB_REALDATA/expected_wandb" ] || skip_all "../shared/realdata/expected_wandb is absent"
command -v python3 >/dev/null || skip_all "python3 is needed to compare CSV"
tmp=$(tb_tmpdir); trap 'rm -rf "$tmp"' EXIT
for exp in "$TB_REALDATA"/expected_wandb/*.csv; do
	ld=$(head -n 1 "$exp" | sed 's/^# logdir: //')
	"$TB_BIN" export --source wandb --logdir "$TB_REALDATA/$ld" >"$tmp/out.csv" 2>"$tmp/err"
	st=$?
	if [ $st -eq 0 ] && [ ! -s "$tmp/err" ] &&
		python3 "$TB_SRCDIR/tests/tools/compare_export.py" --by-tag --skip-prefix system/ \
			"$exp" "$tmp/out.csv" >"$tmp/cmp"; then
		ok "$ld: $(($(wc -l <"$exp") - 2)) history points as W&B's reader finds them"
	else
		not_ok "$ld: export differs from W&B's reader (exit $st)"
		sed 's/^/# /' "$tmp/cmp" "$tmp/err" | head -n 20
	fi
done
done_testing
