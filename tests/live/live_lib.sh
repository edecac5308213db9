# live_lib.sh: helpers for the live tests. Source after lib.sh.
# Starts tests/tools/watchdrv on a FIFO and talks to it: drv_cmd sends one
# command and prints its answer; wait_dump/wait_runs retry (bounded) until
# the answer matches what is expected, so nothing depends on timing.
DRV="$TB_BUILDDIR/tests/tools/watchdrv"
APPEND="$TB_BUILDDIR/tests/tools/tbappend"
[ -x "$DRV" ] && [ -x "$APPEND" ] || skip_all "test tools not built (make check builds them)"
T=$(tb_tmpdir)
DRV_PID=
live_cleanup() {
	if [ -n "$DRV_PID" ]; then
		echo quit >&3 2>/dev/null
		exec 3>&-
		kill "$DRV_PID" 2>/dev/null
		wait "$DRV_PID" 2>/dev/null
	fi
	rm -rf "$T"
}
trap live_cleanup EXIT

drv_start() {
	rm -f "$T/ctl"
	mkfifo "$T/ctl"
	"$DRV" "$@" <"$T/ctl" >"$T/out" 2>"$T/err" &
	DRV_PID=$!
	exec 3>"$T/ctl"
}

drv_stop() {
	echo quit >&3
	exec 3>&-
	wait "$DRV_PID"
	DRV_PID=
}

# drv_cmd CMD: the answer's lines on stdout; 1 when the driver does not answer in 20 s
drv_cmd() {
	local before after i
	before=$(grep -c '^#done$' "$T/out" 2>/dev/null)
	local lines
	lines=$(wc -l <"$T/out")
	echo "$1" >&3
	for i in $(seq 1 200); do
		after=$(grep -c '^#done$' "$T/out")
		[ "$after" -gt "$before" ] && break
		sleep 0.1
	done
	[ "$after" -gt "$before" ] || return 1
	sed -n "$((lines + 1)),\$p" "$T/out" | grep -v '^#done$'
}

# wait_for DESC CMD EXPECTED: retry CMD up to ~15 s until its answer equals
# EXPECTED (after the command in WAIT_FILTER, when set)
wait_for() {
	local desc=$1 cmd=$2 want=$3 got i
	for i in $(seq 1 150); do
		got=$(drv_cmd "$cmd" | ${WAIT_FILTER:-cat})
		if [ "$got" = "$want" ]; then
			ok "$desc"
			return 0
		fi
		sleep 0.1
	done
	not_ok "$desc"
	diag "expected:" "$want" "got:" "$got" "stderr:" "$(cat "$T/err")"
	return 1
}

# rows RUN TAG STEP VALUE [STEP VALUE]... : expected dump lines for one series
rows() {
	local run=$1 tag=$2
	shift 2
	while [ $# -ge 2 ]; do
		printf '%s\t%s\t%s\t%s\n' "$run" "$tag" "$1" "$2"
		shift 2
	done
}

# wait_until DESC CMD SHELL-TEST: retry until SHELL-TEST (eval'd with the
# answer in $got) holds
wait_until() {
	local desc=$1 cmd=$2 cond=$3 i
	got=
	for i in $(seq 1 150); do
		got=$(drv_cmd "$cmd")
		if eval "$cond"; then
			ok "$desc"
			return 0
		fi
		sleep 0.1
	done
	not_ok "$desc"
	diag "last answer:" "$got" "stderr:" "$(cat "$T/err")"
	return 1
}
