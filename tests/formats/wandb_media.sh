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

# the run's facts: its summary without the tables' fields, its environment
# from the EnvironmentRecord (args written before the program)
printf 'info\nquit\n' | "$TB_BUILDDIR/tests/tools/watchdrv" "$D" >"$D/info" 2>/dev/null
fact() { grep -qxF "$(printf 'wandb/run-20240101_000000-media1\t%s\t%s' "$1" "$2")" "$D/info"; }
check "summary: loss" fact summary/loss 0.2
check "summary: a text value" fact summary/note done
check "summary: a nested number flattened with /" fact summary/best/acc 0.9
check "summary: no field of a table logged a field an item (nrows before _type)" sh -c '! grep -q "summary/my_table" "$1"' sh "$D/info"
check "summary: no field of a media object, nested or whole" sh -c '! grep -qE "summary/(best/img|sample)" "$1"' sh "$D/info"
check "environment: host" fact env/host node-7
check "environment: python" fact env/python "CPython 3.12.1"
check "environment: git commit" fact env/git\ commit 0123456789abcdef0123456789abcdef01234567
check "environment: GPU and its count" sh -c 'grep -qF "	env/gpu	NVIDIA H100" "$1" && grep -qF "	env/gpu count	8" "$1"' sh "$D/info"
check "environment: the command, program first, a spaced argument quoted" fact env/command "train.py --lr 0.1 'two words'"
check "environment: the start time in UTC" fact env/started 2023-11-14T22:13:20Z
done_testing
