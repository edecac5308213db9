#!/bin/sh
# Event files the tests write themselves: torn, corrupt, restarted, empty,
# tiny, several per run, hostile tag names.
. "$TB_SRCDIR/tests/lib.sh"
W="$TB_BUILDDIR/tests/tools/tbwrite"
tmp=$(tb_tmpdir); trap 'rm -rf "$tmp"' EXIT
export_of() { "$TB_BIN" export --logdir "$1" 2>"$tmp/err" | tail -n +2; }

# a torn tail: the complete records load, the torn one waits silently
mkdir -p "$tmp/torn/run"
printf 'header\nscalar loss 1 0.5\nscalar loss 2 0.25\ntorn loss 3 0.125\n' | "$W" "$tmp/torn/run/a.tfevents.1"
check "torn record: the two complete points load" test "$(export_of "$tmp/torn" | wc -l)" -eq 2
check "torn record: no error for a file still being written" test ! -s "$tmp/err"
printf 'rest loss 3 0.125\n' | "$W" "$tmp/torn/run/a.tfevents.1"
check "torn record completed: three points" test "$(export_of "$tmp/torn" | wc -l)" -eq 3

# a bad CRC: reported with file and offset; the rest of the file is
# skipped (as TensorBoard does), other files still load
mkdir -p "$tmp/crc/bad" "$tmp/crc/good"
printf 'header\nscalar loss 1 1\nbadcrc loss 2 2\nscalar loss 3 3\n' | "$W" "$tmp/crc/bad/x.tfevents.1"
printf 'header\nscalar acc 1 0.9\n' | "$W" "$tmp/crc/good/x.tfevents.1"
out=$(export_of "$tmp/crc")
check "bad CRC: points before it kept" sh -c "echo '$out' | grep -q '^bad,loss,1,'"
check "bad CRC: nothing after it" sh -c "! echo '$out' | grep -q '^bad,loss,3,'"
check "bad CRC: other runs load" sh -c "echo '$out' | grep -q '^good,acc,1,'"
check "bad CRC: message names file and offset" grep -q "^tailboard: $tmp/crc/bad/x.tfevents.1: offset [0-9]*: record data fails its CRC" "$tmp/err"
"$TB_BIN" export --logdir "$tmp/crc" >/dev/null 2>&1
check "bad CRC: exit status 0 since something was read" test $? -eq 0

# restart with a header: SessionLog START at step 3 drops steps >= 3
mkdir -p "$tmp/restart/r"
printf 'header\nscalar loss 1 1\nscalar loss 2 2\nscalar loss 3 3\nscalar loss 4 4\nstart 3\nscalar loss 3 30\n' | "$W" "$tmp/restart/r/e.tfevents.1"
check "restart: points from the first attempt at steps >= 3 purged" \
	test "$(export_of "$tmp/restart" | cut -d, -f3,5 | tr '\n' ' ')" = "1,1 2,2 3,30 "
# restart across two files of one run, without a header (tensorboardX < 1.8)
mkdir -p "$tmp/restart2/r"
printf 'scalar loss 1 1\nscalar loss 2 2\nscalar loss 3 3\n' | "$W" "$tmp/restart2/r/events.out.tfevents.1"
printf 'scalar loss 2 20\nscalar loss 3 30\n' | "$W" "$tmp/restart2/r/events.out.tfevents.2"
check "restart without header: step going back drops that tag's later points" \
	test "$(export_of "$tmp/restart2" | cut -d, -f3,5 | tr '\n' ' ')" = "1,1 2,20 3,30 "

# empty, 10-byte and header-only files; profile-empty markers are not runs
mkdir -p "$tmp/small/empty" "$tmp/small/ten" "$tmp/small/hdr" "$tmp/small/prof"
: >"$tmp/small/empty/events.out.tfevents.1"
printf '0123456789' >"$tmp/small/ten/events.out.tfevents.1"
printf 'header\n' | "$W" "$tmp/small/hdr/events.out.tfevents.1"
printf 'header\nscalar x 1 1\n' | "$W" "$tmp/small/prof/events.out.tfevents.1.profile-empty"
"$TB_BIN" summary --logdir "$tmp/small" >"$tmp/sum" 2>"$tmp/err"
check "empty, 10-byte and header-only files: exit 0" test $? -eq 0
check "small files: no error messages" test ! -s "$tmp/err"
check "profile-empty markers are not read" sh -c "! grep -q '^prof' '$tmp/sum'"

# several files in one run are merged in name order; run names per TensorBoard
mkdir -p "$tmp/multi/a/b"
printf 'header\nscalar loss 1 1\n' | "$W" "$tmp/multi/events.out.tfevents.1"
printf 'header\nscalar loss 2 2\n' | "$W" "$tmp/multi/a/b/events.out.tfevents.2"
printf 'header\nscalar loss 1 1.5\n' | "$W" "$tmp/multi/a/b/events.out.tfevents.1"
out=$(export_of "$tmp/multi" | cut -d, -f1,3,5 | tr '\n' ' ')
check "run '.' for the logdir itself, 'a/b' for a subdirectory, files merged" \
	test "$out" = ".,1,1 a/b,1,1.5 a/b,2,2 "
out=$("$TB_BIN" export --logdir_spec "base:$tmp/multi,other:$tmp/torn" 2>/dev/null | tail -n +2 | cut -d, -f1 | sort -u | tr '\n' ' ')
check "--logdir_spec names runs NAME/REL" test "$out" = "base base/a/b other/run "
out=$("$TB_BIN" export --logdir_spec "base:$tmp/multi,$tmp/torn" 2>/dev/null | tail -n +2 | cut -d, -f1 | sort -u | tr '\n' ' ')
check "--logdir_spec: a path alone keeps its runs' names (TensorBoard's reading)" test "$out" = "base base/a/b run "
"$TB_BIN" export --logdir_spec "base:" >/dev/null 2>&1
check "--logdir_spec NAME: with no path: exit 2" [ $? -eq 2 ]

# hostile tag names: escape codes never reach a terminal
mkdir -p "$tmp/evil/r"
printf 'header\nscalar \\e]52;c;aGk=\\x07\\e[2Jloss 1 1\nscalar a,b"c 1 2\n' | "$W" "$tmp/evil/r/events.out.tfevents.1"
"$TB_BIN" summary --logdir "$tmp/evil" >"$tmp/sum" 2>&1
check "summary prints no ESC or BEL byte" sh -c "! LC_ALL=C grep -q \"\$(printf '[\\033\\007]')\" '$tmp/sum'"
check "summary shows the escape visibly" grep -q 'x1b]52;c;aGk=' "$tmp/sum"
out=$(export_of "$tmp/evil")
check "export to a pipe quotes CSV fields" sh -c "echo '$out' | grep -q '^r,\"a,b\"\"c\",1,'"
"$TB_BIN" export --format json --logdir "$tmp/evil" >"$tmp/j" 2>/dev/null
if command -v python3 >/dev/null; then
	check "JSON export is valid JSON with escaped names" python3 -c "import json,sys; d=json.load(open('$tmp/j')); assert len(d)==2 and d[1]['value']==2.0 and d[0]['tag'].startswith('\\\\x1b')"
else
	skip "python3 absent"
fi

# NaN and infinities
mkdir -p "$tmp/nan/r"
printf 'header\nscalar loss 1 nan\nscalar loss 2 inf\nscalar loss 3 -inf\nscalar loss 4 0.5\n' | "$W" "$tmp/nan/r/events.out.tfevents.1"
check "NaN and infinities exported as nan, inf, -inf" \
	test "$(export_of "$tmp/nan" | cut -d, -f5 | tr '\n' ' ')" = "nan inf -inf 0.5 "
check "best ignores non-finite values" sh -c "'$TB_BIN' summary --logdir '$tmp/nan' | grep -q '	min	0.5	4	'"
# a record past 16 MiB (a huge graph) is checked as it streams by, not held
mkdir -p "$tmp/big/r"
printf 'header\nscalar loss 1 1\nbig 40000000\nscalar loss 2 2\n' | "$W" "$tmp/big/r/events.out.tfevents.1"
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
check "big record: the points on both sides load" \
	test "$(export_of "$tmp/big" | cut -d, -f3 | tr '\n' ' ')" = "1 2 "
check "big record: counted in summary" sh -c "'$TB_BIN' summary --logdir '$tmp/big' | grep -q 'large record:1'"
if [ -x /usr/bin/time ]; then
	# over the same binary on a tiny logdir: its libraries (and a
	# sanitiser's shadow memory) are not the record's
	kb=$(peak "$TB_BIN" export --logdir "$tmp/big") base=$(peak "$TB_BIN" export --logdir "$tmp/nan")
	check "big record: memory stays under 32 MB more than a tiny logdir's (peak $kb KB, tiny $base KB)" \
		test $((kb - base)) -lt 32768
else
	skip "/usr/bin/time absent"
fi
rm -rf "$tmp/big"
mkdir -p "$tmp/bigbad/r"
printf 'header\nscalar loss 1 1\nbigbad 40000000\nscalar loss 2 2\n' | "$W" "$tmp/bigbad/r/events.out.tfevents.1"
out=$(export_of "$tmp/bigbad" | cut -d, -f3 | tr '\n' ' ')
check "big record with a bad CRC: points before it kept, the rest skipped" test "$out" = "1 "
check "big record with a bad CRC: reported with its offset" \
	grep -q "events.out.tfevents.1: offset [0-9]*: record data fails its CRC" "$tmp/err"
rm -rf "$tmp/bigbad"
# PyTorch's add_hparams: a time-named child directory of a run is that
# run; a run named by the time with no event file above it is its own
mkdir -p "$tmp/ah/exp1/1700000000.1234567" "$tmp/ah/1700000001.5"
printf 'header\nscalar loss 1 0.5\n' | "$W" "$tmp/ah/exp1/events.out.tfevents.1"
printf 'header\nhparams lr=0.001 opt=adam\nscalar hparam/accuracy 0 0.875\n' | "$W" "$tmp/ah/exp1/1700000000.1234567/events.out.tfevents.2"
printf 'header\nscalar loss 1 0.25\n' | "$W" "$tmp/ah/1700000001.5/events.out.tfevents.3"
check "add_hparams: the child's metric value is its parent run's" \
	test "$(export_of "$tmp/ah" | cut -d, -f1,2 | tr '\n' ' ')" = "1700000001.5,loss exp1,hparam/accuracy exp1,loss "
check "add_hparams: --filter finds the parent by the child's hparams" \
	test "$("$TB_BIN" summary --logdir "$tmp/ah" --filter 'lr==0.001 and opt==adam' | sed 1d | cut -f1 | sort -u)" = exp1

# the Hugging Face Trainer's args and model_config text summaries are the
# run's hyperparameters, and still counted as text
mkdir -p "$tmp/hf/run"
printf '%s\n' header 'text args/text_summary 0 {"learning_rate": 3e-05, "per_device_train_batch_size": 8}' \
	'text model_config/text_summary 0 {"hidden_size": 768}' 'scalar train/loss 1 0.5' | "$W" "$tmp/hf/run/events.out.tfevents.1"
check "text summaries: --filter reads the Trainer's args and the model's config" \
	test "$("$TB_BIN" summary --logdir "$tmp/hf" --filter 'learning_rate<=1e-4 and per_device_train_batch_size==8 and model.hidden_size==768' | sed 1d | cut -f1 | sort -u)" = run
check "text summaries: counted as text in summary" \
	sh -c "'$TB_BIN' summary --logdir '$tmp/hf' | grep -q '^run	args/text_summary	0.*text:1'"
done_testing
