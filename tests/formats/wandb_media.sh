#!/bin/sh
# wandb_media.sh: a table logged by a newer W&B client arrives as one
# history item a field beside a _type item (my_table/_type, my_table/nrows,
# or other_table._type, other_table.nrows...); W&B folds them back into one
# media object and charts none of it, and export gives no field of it,
# while the run's scalars (a dotted one too) are all there.
. "$TB_SRCDIR/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed: the .wandb is written by tests/tools/wandb_media.py"
D=$(tb_tmpdir)
trap 'rm -rf "$D"' EXIT INT TERM
R="$D/wandb/run-20240101_000000-media1"
mkdir -p "$R"
python3 "$TB_SRCDIR/tests/tools/wandb_media.py" "$R/run-media1.wandb" || skip_all "could not write the .wandb"
"$TB_BIN" export --logdir "$D" >"$D/out.csv" 2>"$D/err"
check "export exits 0" [ $? -eq 0 ]
check "export: no errors" [ ! -s "$D/err" ]
check "loss: 5 points" [ "$(grep -c ',loss,' "$D/out.csv")" -eq 5 ]
check "a dotted scalar (eval.acc) is still charted" [ "$(grep -c ',eval.acc,' "$D/out.csv")" -eq 5 ]
check "no field of the nested table (my_table/...)" [ "$(grep -c 'my_table' "$D/out.csv")" -eq 0 ]
check "no field of the dotted table (other_table....)" [ "$(grep -c 'other_table' "$D/out.csv")" -eq 0 ]
"$TB_BIN" export --format json --logdir "$D" >"$D/out.json" 2>/dev/null
check "JSON export: no table field either" [ "$(grep -c '_table' "$D/out.json")" -eq 0 ]
"$TB_BIN" summary --logdir "$D" >"$D/sum" 2>/dev/null
check "summary: loss and eval.acc, no table" sh -c 'grep -q "	loss	" "$1" && grep -q "	eval.acc	" "$1" && ! grep -q _table "$1"' sh "$D/sum"
done_testing
