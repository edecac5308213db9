# watch_lib.sh: helpers for the `tailboard watch` tests. Source after lib.sh.
# The real binary runs in the background on a logdir the test writes into
# with its own writers (tests/tools/tbappend for event files, printf for
# JSONL and trainer_state.json); each scenario waits, bounded, for lines
# and exit codes, so nothing depends on timing but the bounds.
APPEND="$TB_BUILDDIR/tests/tools/tbappend"
[ -x "$APPEND" ] || skip_all "test tools not built (make check builds them)"
T=$(tb_tmpdir)
W_PID=
watch_cleanup() {
	[ -n "$W_PID" ] && kill "$W_PID" 2>/dev/null && wait "$W_PID" 2>/dev/null
	rm -rf "$T"
}
trap watch_cleanup EXIT

now_ms() { date +%s%3N; }

# ready_run DIR: a finished Hugging Face run in DIR/ready: the "finished"
# line it raises at the first read says watch is up and following
ready_run() {
	mkdir -p "$1/ready/checkpoint-1"
	printf '{"global_step": 1, "max_steps": 1, "log_history": [{"step": 1, "loss": 1.0}]}\n' \
		>"$1/ready/checkpoint-1/trainer_state.json"
}

# watch_start NAME ARGS...: tailboard watch ARGS in the background, its
# stdout in $T/NAME.out, stderr in $T/NAME.err
watch_start() {
	W_NAME=$1
	shift
	"$TB_BIN" watch "$@" >"$T/$W_NAME.out" 2>"$T/$W_NAME.err" &
	W_PID=$!
}

# wait_line PATTERN [SECONDS]: until the running watch's output has a line
# matching PATTERN (grep -E), 10 s by default; W_MS: when it was seen
wait_line() {
	local i=0 n=$((${2:-10} * 50))
	while [ $i -lt $n ]; do
		if grep -Eq -- "$1" "$T/$W_NAME.out" 2>/dev/null; then
			W_MS=$(now_ms)
			return 0
		fi
		sleep 0.02
		i=$((i + 1))
	done
	diag "no line matching $1 in ${2:-10} s; output:" "$(cat "$T/$W_NAME.out")" "stderr:" "$(cat "$T/$W_NAME.err")"
	return 1
}

# watch_exit [SECONDS]: wait for the running watch to end (killing it past
# SECONDS, 15 by default); its status in W_STATUS (999 when killed)
watch_exit() {
	local i=0 n=$((${1:-15} * 20))
	while kill -0 "$W_PID" 2>/dev/null && [ $i -lt $n ]; do
		sleep 0.05
		i=$((i + 1))
	done
	if kill -0 "$W_PID" 2>/dev/null; then
		kill "$W_PID"
		wait "$W_PID"
		W_STATUS=999
	else
		wait "$W_PID"
		W_STATUS=$?
	fi
	W_PID=
}
