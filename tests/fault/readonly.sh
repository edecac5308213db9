#!/bin/sh
# readonly.sh: tailboard never writes into a logdir. A logdir of every
# format is snapshotted (listing, sizes, mtimes, modes, inodes, bytes)
# before and after a screen session in tmux that presses every key in the
# key table, and export/summary/watch runs; nothing may differ. Exports written
# with -o are atomic: a failing export leaves no partial or temp file, and
# an existing target untouched.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/fault/hardening_lib.sh"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
T=$(tb_tmpdir)
SOCK=tbro$$
TM="tmux -u -L $SOCK -f /dev/null"
trap '$TM kill-server >/dev/null 2>&1; chmod -R u+rwX "$T" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
L="$T/logs"
mkdir -p "$L/tb/a" "$L/tb/b" "$L/gz" "$L/lightning/version_0" "$L/jl" "$L/hf/checkpoint-10"
printf 'header\nmany loss 3000\nscalar acc 1 0.5\n' | "$TBW" "$L/tb/a/events.out.tfevents.1.h"
printf 'header\nmany loss 2000\nstart 500\nmany loss 100\n' | "$TBW" "$L/tb/b/events.out.tfevents.1.h"
printf 'header\nmany loss 100\n' | "$TBW" "$T/gz.tmp" && gzip -c "$T/gz.tmp" >"$L/gz/events.out.tfevents.1.h.gz" && rm "$T/gz.tmp"
printf 'epoch,step,train_loss,val_acc\n0,1,0.9,\n0,2,0.8,0.5\n' >"$L/lightning/version_0/metrics.csv"
printf '{"step": 1, "loss": 1.5}\n{"step": 2, "loss": NaN}\n' >"$L/jl/metrics.jsonl"
printf '{"log_history": [{"step": 5, "loss": 2.0}, {"step": 10, "loss": 1.0}], "best_metric": null}\n' >"$L/hf/checkpoint-10/trainer_state.json"
# a torn record at the end of a file: tailboard must not "repair" it
"$TBA" - loss 9000 1 | head -c 20 >>"$L/tb/a/events.out.tfevents.1.h"
# timestamps in the past, so a rewrite in the same second would still show
find "$L" -exec touch -h -d '2020-01-02 03:04:05' {} +

snapshot() {
	(cd "$L" && find . -printf '%y %p %s %T@ %m %i %n\n' | LC_ALL=C sort &&
		find . -type f -exec md5sum {} + | LC_ALL=C sort)
}
snapshot >"$T/before"

$TM new-session -d -s ro -x 140 -y 45 \
	"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$TB_BIN' --logdir '$L'; echo TB-EXIT-\$?; sleep 60"
check "screen up" wait_pane ro "smoothing"
# every binding of src/ui/keys.c, in both focus states, with the prompts,
# overlays, maximise and zoom
for k in j k Down Up Space Space s a 1 2 3 4 5 6 7 8 9 Tab j k Space Tab \
	/ 'a|b' Enter n N / Enter t loss Enter n N t Enter r \
	']' '[' '}' '{' b b h l Left Right x x x L L o o + = - '<' , '>' . 0 \
	Tab Enter h l Escape Escape '|' '|' e j k q '?' q r; do
	$TM send-keys -t ro -- "$k"
done
$TM send-keys -t ro C-l
$TM send-keys -t ro r
$TM send-keys -t ro ']'
check "the screen still answers after every key" wait_pane ro "0.65"
$TM send-keys -t ro q
check "q exits 0" wait_pane ro "TB-EXIT-0"

"$TB_BIN" export --logdir "$L" >"$T/e.csv" 2>/dev/null
"$TB_BIN" export --format json --logdir "$L" -o "$T/e.json" 2>/dev/null
"$TB_BIN" summary --stats --logdir "$L" >/dev/null 2>&1
"$TB_BIN" --logdir "$L" --frames 3 >/dev/null 2>&1 </dev/null
"$TB_BIN" watch --once --logdir "$L" >/dev/null 2>&1
(cd "$T" && "$TB_BIN" watch --logdir "$L" --alert stall=1s --exec true --timeout 1.5s >/dev/null 2>&1)
snapshot >"$T/after"
if cmp -s "$T/before" "$T/after"; then
	ok "the logdir is byte for byte, mtime for mtime, as before"
else
	not_ok "the logdir changed"
	diff "$T/before" "$T/after" | sed 's/^/# /'
fi
check "the exports were written" sh -c "test -s '$T/e.csv' && test -s '$T/e.json'"

# -- atomic -o ---------------------------------------------------------------
O="$T/out"
mkdir -p "$O"
echo previous >"$O/keep.csv"
"$TB_BIN" export --logdir "$L" --run '(' -o "$O/keep.csv" 2>"$T/err"
st=$?
check "bad regex with -o: exit 2 (status $st)" test $st -eq 2
check "bad regex with -o: the existing file is untouched" test "$(cat "$O/keep.csv")" = previous
"$TB_BIN" export --logdir "$L" --tag '[' -o "$O/new.csv" 2>"$T/err"
check "bad regex with -o: no new file" test ! -e "$O/new.csv"
"$TB_BIN" export --logdir "$T/missing" -o "$O/new.csv" 2>"$T/err"
st=$?
check "nothing readable with -o: exit 1, no file (status $st)" sh -c "test $st -eq 1 && test ! -e '$O/new.csv'"
if user_can_run "$TB_BIN"; then
	chmod -R a+rX "$T"
	chmod 555 "$O"
	$AS_USER "$TB_BIN" export --logdir "$L" -o "$O/new.csv" 2>"$T/err"
	st=$?
	check "unwritable directory for -o: exit 1 (status $st), one line" \
		sh -c "test $st -eq 1 && test \$(wc -l <'$T/err') -eq 1"
	chmod 755 "$O"
else
	skip "cannot drop privileges: unwritable -o directory not tested"
fi
left=$(ls -A "$O" | grep -v '^keep.csv$')
check "no temp or partial files left beside the target (${left:-none})" test -z "$left"
done_testing
