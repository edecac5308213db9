#!/bin/sh
# screen_console.sh: the console pane (C) on a real W&B run with output
# records (3lLobo__HPC, copied so records can be appended): the run's
# lines, stderr marked; a record appended live shows within frames; a
# line's escape sequences (a title, a clear, a colour) never reach the
# terminal; / finds a line and scrolls to it, highlighted; another run
# switches the log; a run without output says so; a run with output.log
# only follows it (a torn last line waits); Esc goes back. At
# 80x24 in UTF-8, 40x10 in LANG=C TERM=vt100, 160x48 with NO_COLOR.
. "$TB_SRCDIR/tests/lib.sh"
[ -n "${TB_REALDATA:-}" ] || skip_all "realdata absent (the W&B runs are real files)"
command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed: records are appended by tests/tools/wandb_output.py"
SRC="$TB_REALDATA/wandb/3lLobo__HPC"
[ -d "$SRC" ] || skip_all "3lLobo__HPC is not in realdata"
D=$(tb_tmpdir)
SOCK=tbcon$$
TM="tmux -u -L $SOCK -f /dev/null"
trap '$TM kill-server >/dev/null 2>&1; rm -rf "$D"' EXIT INT TERM
cp -R "$SRC" "$D/log" && chmod -R u+w "$D/log"
RUN="$D/log/wandb/run-20210205_163937-1u9ccxyn"
WB="$RUN/run-1u9ccxyn.wandb"
append() { python3 "$TB_SRCDIR/tests/tools/wandb_output.py" "$WB" "$@"; }
ESC=$(printf '\033')

$TM new-session -d -s s -x 80 -y 24 "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$TB_BIN' --logdir '$D/log'; sleep 30"
check "80x24: the runs are up" wait_pane s "Runs (10)"
$TM send-keys -t s 4 C
check "C: the pane, its run named" wait_pane s "1u9ccxyn |"
check "C: the run's last console line" wait_pane s "wandb.errors.error.Error: wandb.watch"
check "C: stderr lines marked" sh -c "$TM capture-pane -p -t s | grep -q '! Traceback (most recent call last):'"
check "C: following the tail" sh -c "$TM capture-pane -p -t s | grep -q 'of 22, following'"
check "C: the status line says so" sh -c "$TM capture-pane -p -t s | grep -q 'console (C: charts)'"
check "C: the hint line has the pane's keys" sh -c "$TM capture-pane -p -t s | grep -q '/ find  n/N match'"
append 1 'live line one\n'
check "a record appended live shows" wait_pane s "  live line one"
check "and the pane followed it" wait_pane s "of 23, following"
append 1 'esc \x1b]0;pwned-title\x07\x1b[2J\x1b[31mred text\x1b[0m end\n'
check "a line with escape sequences: its text" wait_pane s "esc red text end"
check "no escape shown as text" sh -c "! $TM capture-pane -p -t s | grep -qE 'pwned|\\\\x1b|\\[31m|\\[2J'"
check "the pane's title untouched" sh -c "! $TM display-message -p -t s '#{pane_title}' | grep -q pwned"
check "the screen not cleared: the run list is there" sh -c "$TM capture-pane -p -t s | grep -q 'Runs (10)'"
append 1 'bar  10%\rbar  60%\rbar 100%\n'
check "a progress bar: its last state only" wait_pane s "bar 100%"
check "no earlier state of it" sh -c "! $TM capture-pane -p -t s | grep -q 'bar  10%'"
$TM send-keys -t s / x_train Enter
check "/ finds a line off screen and scrolls to it" wait_pane s "x_train shape: (50000, 32, 32, 3)"
check "scrolled: not following" sh -c "! $TM capture-pane -p -t s | grep -q following"
check "the match highlighted" sh -c "$TM capture-pane -p -e -t s | grep -q '7mx_train'"
$TM send-keys -t s G
check "G: the tail again, following" wait_pane s "following"
append 1 'after G\n'
check "following again: a new line shows" wait_pane s "  after G"
$TM send-keys -t s k
check "k: one line up stops following" wait_gone s "following"
$TM send-keys -t s Tab j
check "Tab, j: the next run's log" sh -c "sleep 0.3; $TM capture-pane -p -t s | grep -q 'Console .*zti1c'"
check "its lines" wait_pane s "of 26, following"
$TM send-keys -t s Escape
check "Esc: back to the charts" wait_gone s "console (C: charts)"
$TM kill-session -t s

# runs whose .wandb has no output records: one with files/output.log, one
# without any console output
M1="$D/log/wandb/run-20240101_000000-media1"
M2="$D/log/wandb/run-20240101_000001-media2"
mkdir -p "$M1/files" "$M2"
python3 "$TB_SRCDIR/tests/tools/wandb_media.py" "$M1/run-media1.wandb"
python3 "$TB_SRCDIR/tests/tools/wandb_media.py" "$M2/run-media2.wandb"
printf 'first file line\n' >"$M1/files/output.log"
$TM new-session -d -s n -x 160 -y 48 "env NO_COLOR=1 LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$TB_BIN' --logdir '$D/log'; sleep 30"
check "160x48 NO_COLOR: the runs are up" wait_pane n "Runs (12)"
$TM send-keys -t n C Tab G
check "a run without console output says so" wait_pane n "no console output for this run"
$TM send-keys -t n k
check "a run with output.log only: its lines, the source named" wait_pane n "1-1 of 1, following (output.log)"
printf 'appended to output.log\ntorn' >>"$M1/files/output.log"
check "a line appended to output.log shows" wait_pane n "  appended to output.log"
check "a torn last line waits for its end" sh -c "sleep 0.3; ! $TM capture-pane -p -t n | grep -q torn"
printf ' line ends\n' >>"$M1/files/output.log"
check "... and shows whole once it ends" wait_pane n "  torn line ends"
$TM send-keys -t n g
check "the first run's log, stderr marked" wait_pane n "! ValueError: If using"
$TM kill-session -t n

$TM new-session -d -s a -x 40 -y 10 "env LANG=C LC_ALL=C TERM=vt100 '$TB_BIN' --logdir '$D/log'; sleep 30"
check "40x10 vt100: up" wait_pane a "smoothing"
$TM send-keys -t a 4 C
check "40x10: the pane" wait_pane a "Console run-"
check "40x10: the newest line" wait_pane a "  after G"
append 0 'ascii \x1b[1mbold\x1b[0m caf\xc3\xa9\n'
check "40x10: an appended stderr line, escapes gone" wait_pane a "! ascii bold caf?"
check "40x10: no escape as text" sh -c "! $TM capture-pane -p -t a | grep -qE '\\\\x1b|\\[1m'"
check "40x10: no raw ESC in the pane" sh -c "! $TM capture-pane -p -t a | grep -q '$ESC'"
done_testing
