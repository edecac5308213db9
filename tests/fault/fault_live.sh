#!/bin/sh
# fault_live.sh: the live loop (tests/tools/watchdrv) while files go bad
# under it: deleted, truncated or replaced while being read, made
# unreadable and readable again, an unreadable directory, a FIFO and a
# symlink loop appearing, the inotify watch limit reached. The driver must
# keep answering, report by name, and end with the right points.
. "$TB_SRCDIR/tests/lib.sh"
. "$TB_SRCDIR/tests/fault/hardening_lib.sh"
. "$TB_SRCDIR/tests/live/live_lib.sh"
trap 'chmod -R u+rwX "$T" 2>/dev/null; live_cleanup' EXIT INT TERM
trap "" PIPE     # a driver that died must fail the checks, not kill the test
chmod 755 "$T"

# drv_as_user ARGS...: drv_start, as the unprivileged user
drv_as_user() {
	rm -f "$T/ctl"
	mkfifo "$T/ctl"
	$AS_USER "$DRV" "$@" <"$T/ctl" >"$T/out" 2>"$T/err" &
	DRV_PID=$!
	exec 3>"$T/ctl"
}
answers() { drv_cmd stats >/dev/null; }

# -- deleted, truncated, replaced while the first read is under way --------
L="$T/a"
mkdir -p "$L/big" "$L/trunc" "$L/repl" "$L/small"
printf 'header\nmany loss 300000\n' | "$TBW" "$L/big/events.out.tfevents.1.h"
printf 'header\nmany loss 300000\n' | "$TBW" "$L/trunc/events.out.tfevents.1.h"
printf 'header\nmany loss 300000\n' | "$TBW" "$L/repl/events.out.tfevents.1.h"
"$TBA" -H "$L/small/events.out.tfevents.1.h" loss 1 1
"$TBA" -H "$T/new" loss 7 70 loss 8 80
drv_start "$L"
rm "$L/big/events.out.tfevents.1.h"
: >"$L/trunc/events.out.tfevents.1.h"
"$TBA" -H "$L/trunc/events.out.tfevents.1.h" loss 1 10 loss 2 20
mv "$T/new" "$L/repl/events.out.tfevents.1.h"
check "the driver answers after delete/truncate/replace mid-read" answers
WAIT_FILTER="grep -v ^big" wait_for "truncated: read again from the start; replaced: only the new file's points" dump \
	"$(rows repl loss 7 70 8 80; rows small loss 1 1; rows trunc loss 1 10 2 20)"
"$TBA" "$L/small/events.out.tfevents.1.h" loss 2 2
WAIT_FILTER="grep ^small" wait_for "the other runs keep following" dump "$(rows small loss 1 1 2 2)"
drv_stop
check "nothing reported for a deleted or rewritten file" test ! -s "$T/err"

# -- a FIFO and a symlink loop appear in a watched logdir ------------------
L="$T/b"
mkdir -p "$L/r"
"$TBA" -H "$L/r/events.out.tfevents.1.h" loss 1 1
drv_start "$L"
wait_for "loaded" dump "$(rows r loss 1 1)"
mkfifo "$L/r/events.out.tfevents.2.fifo"
ln -s .. "$L/r/up"
mkdir "$L/r/sub"
ln -s "$L" "$L/r/sub/root"
"$TBA" "$L/r/events.out.tfevents.1.h" loss 2 2
wait_for "a FIFO and directory links appearing: still following" dump "$(rows r loss 1 1 2 2)"
# the live watcher passes non-regular files over without opening them
drv_cmd stats | grep -q '^files 1$' && ok "the FIFO is not tracked, nothing blocked" || not_ok "the FIFO is tracked"
drv_cmd runs | grep -q "^r/" && not_ok "a run found through a directory link" || ok "no run found through the links"
drv_stop

# -- unreadable, as an unprivileged user -----------------------------------
if user_can_run "$DRV"; then
	L="$T/c"
	mkdir -p "$L/r" "$T/staged/events"
	F="$L/r/events.out.tfevents.1.h"
	"$TBA" -H "$F" loss 1 1
	chmod -R a+rX "$T"
	drv_as_user "$L"
	wait_for "unprivileged: loaded" dump "$(rows r loss 1 1)"
	chmod 0 "$F"
	"$TBA" "$F" loss 2 2
	wait_until "a file made unreadable is reported by name" stats 'grep -q "r/events.out.tfevents.1.h: Permission denied" "$T/err"'
	check "the driver answers while the file is unreadable" answers
	chmod 644 "$F"
	"$TBA" "$F" loss 3 3
	wait_for "readable again: the points appended meanwhile are read" dump "$(rows r loss 1 1 2 2 3 3)"
	# a run directory that is unreadable when it appears
	"$TBA" -H "$T/staged/events/events.out.tfevents.1.h" loss 1 5
	chmod 0 "$T/staged/events"
	mv "$T/staged/events" "$L/closed"
	wait_until "an unreadable directory appearing is named" stats 'grep -q "closed: cannot read directory" "$T/err"'
	"$TBA" "$F" loss 4 4
	wait_for "the other run keeps following" dump "$(rows r loss 1 1 2 2 3 3 4 4)"
	drv_stop
	chmod 755 "$L/closed"
	n=$(grep -c "Permission denied" "$T/err")
	check "errors are not repeated without a change ($n lines)" test "$n" -le 4
else
	skip "cannot drop privileges: unreadable-file cases not run"
fi

# -- the inotify watch limit, used up for one unprivileged user ------------
INOFILL="$TB_BUILDDIR/tests/tools/inofill"
if [ "$(id -u)" = 0 ] && user_can_run "$DRV" && [ -x "$INOFILL" ] && [ -r /proc/sys/fs/inotify/max_user_watches ]; then
	L="$T/d"
	mkdir -p "$L/r" "$T/fill"
	"$TBA" -H "$L/r/events.out.tfevents.1.h" loss 1 1
	chmod -R a+rwX "$T"
	rm -f "$T/ctl"
	mkfifo "$T/ctl"
	# an unused uid, so no other process of that user holds watches
	uid=$((61000 + $$ % 3000))
	setpriv --reuid=$uid --regid=$uid --clear-groups "$INOFILL" "$T/fill" "$DRV" "$L" <"$T/ctl" >"$T/out" 2>"$T/err" &
	DRV_PID=$!
	exec 3>"$T/ctl"
	wait_until "watch limit reached: the status says it polls, and why" describe 'echo "$got" | grep -q "polling.*watch limit"'
	wait_for "watch limit: the file was read" dump "$(rows r loss 1 1)"
	"$TBA" "$L/r/events.out.tfevents.1.h" loss 2 2
	mkdir "$L/later"
	"$TBA" -H "$L/later/events.out.tfevents.1.h" loss 1 9
	wait_for "watch limit: appends and new runs are found by polling" dump "$(rows later loss 1 9; rows r loss 1 1 2 2)"
	drv_stop
else
	skip "needs root with setpriv (to use up an idle uid's watches): watch limit not tested"
fi
done_testing
