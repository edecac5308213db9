#!/bin/sh
# config.sh: the config file. Keys are the long options, read before the
# command line (which wins); a bad line is reported as FILE:LINE on stderr
# and skipped, the rest applies and the exit status stays 0; XDG's path,
# --config FILE and --no-config; a missing default file is silent, a
# missing --config FILE exit 2. --hide-tags hides tags from the grid.
# Seen through --print's status line and chart titles (curses-free).
. "$TB_SRCDIR/tests/lib.sh"
W="$TB_BUILDDIR/tests/tools/tbwrite"
tmp=$(tb_tmpdir); trap 'rm -rf "$tmp"' EXIT
for r in a b c; do
	mkdir -p "$tmp/ld/$r"
	{ echo header; for s in 1 2 3 4 5 6; do
		echo "scalar train/loss $s 0.$((9 - s))$r"; echo "scalar eval/acc $s 0.$s"; echo "scalar sys/x $s $s"; done
	} | sed 's/a$/1/; s/b$/2/; s/c$/3/' | "$W" "$tmp/ld/$r/events.out.tfevents.1"
done
# print [ARGS...]: the frame as text, stderr to $tmp/err
print() { env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 "$TB_BIN" --print --size 120x30 "$@" --logdir "$tmp/ld" 2>"$tmp/err"; }
export XDG_CONFIG_HOME="$tmp/xdg"
mkdir -p "$tmp/xdg/tailboard"
cat >"$tmp/xdg/tailboard/config" <<'CFG'
# defaults for every screen
smoothing = 0.9
  palette = okabe-ito

bogus = 1
smoothing-method = nope
no equals sign here
ascii = maybe
x = relative
log = yes
hide-tags = "^eval/"
logdir = /somewhere
best = train/loss=max
CFG
C="$tmp/xdg/tailboard/config"
print >"$tmp/out"
check "XDG config: exit status 0 despite bad lines" test $? -eq 0
check "XDG config: smoothing applies" grep -q 'smoothing 0\.90' "$tmp/out"
check "XDG config: palette applies" grep -q 'palette okabe-ito' "$tmp/out"
check "XDG config: x and log apply" grep -q 'x: relative, log y' "$tmp/out"
check "XDG config: hide-tags hides eval/ from the grid" sh -c "grep -q 'train/loss' '$tmp/out' && ! grep -q 'eval/acc' '$tmp/out'"
check "XDG config: best rules apply (max of train/loss)" grep -q 'train/loss  best 0\.83' "$tmp/out"
check "unknown key: FILE:LINE: unknown key 'bogus'" grep -qx "$C:5: unknown key 'bogus'" "$tmp/err"
check "bad value: FILE:LINE: KEY: why" grep -qx "$C:6: smoothing-method: wants ema, twema, avg or gauss, not 'nope'" "$tmp/err"
check "missing '=': FILE:LINE" grep -q "^$C:7: expected 'key = value'" "$tmp/err"
check "bad flag value: FILE:LINE: KEY" grep -q "^$C:8: ascii: wants true or false" "$tmp/err"
check "an option that is no default: FILE:LINE" grep -q "^$C:12: 'logdir' is not a config key" "$tmp/err"
check "five messages, nothing else" test "$(wc -l <"$tmp/err")" -eq 5
print --smoothing 0.3 --palette high-contrast --x step >"$tmp/out"
check "the command line wins over the config" sh -c "grep -q 'smoothing 0\.30' '$tmp/out' && grep -q 'palette high-contrast' '$tmp/out' && grep -q 'x: step, log y' '$tmp/out'"
print --no-config >"$tmp/out"
check "--no-config: none of it" sh -c "grep -q 'smoothing 0\.60' '$tmp/out' && ! grep -q palette '$tmp/out' && grep -q 'eval/acc' '$tmp/out' && test ! -s '$tmp/err'"
printf 'smoothing=0.25\n[section]\n' >"$tmp/other"
print --config "$tmp/other" >"$tmp/out"
check "--config FILE instead of XDG's" sh -c "grep -q 'smoothing 0\.25' '$tmp/out' && ! grep -q palette '$tmp/out'"
check "--config FILE: its errors name it" grep -q "^$tmp/other:2: expected 'key = value'" "$tmp/err"
print --conf="$tmp/other" >"$tmp/out"
check "--conf=FILE, as getopt abbreviates it" grep -q 'smoothing 0\.25' "$tmp/out"
print --no-conf >"$tmp/out"
check "--no-conf: no config, as getopt abbreviates it" grep -q 'smoothing 0\.60' "$tmp/out"
print --config "$tmp/nonexistent" >/dev/null
check "--config of a missing file: exit 2" test $? -eq 2
check "--config of a missing file: said" grep -q "$tmp/nonexistent" "$tmp/err"
print --config '' >/dev/null
check "--config '': exit 2 (--no-config reads none)" sh -c "test $? -eq 2 && grep -q -- '--no-config' '$tmp/err'"
XDG_CONFIG_HOME="$tmp/empty" print >"$tmp/out"
check "no config file at the XDG path: silent" sh -c "test $? -eq 0 && test ! -s '$tmp/err'"
mkdir -p "$tmp/home/.config/tailboard"
echo 'smoothing = 0.5' >"$tmp/home/.config/tailboard/config"
env -u XDG_CONFIG_HOME HOME="$tmp/home" TERM=xterm-256color "$TB_BIN" --print --size 120x30 --logdir "$tmp/ld" >"$tmp/out" 2>&1
check "no XDG_CONFIG_HOME: ~/.config/tailboard/config" grep -q 'smoothing 0\.50' "$tmp/out"
# the headless commands read it too, and its errors come before their output
"$TB_BIN" summary --logdir "$tmp/ld" >"$tmp/out" 2>"$tmp/err"
check "summary: exit 0, the config's errors on stderr" sh -c "test $? -eq 0 && grep -q \"unknown key 'bogus'\" '$tmp/err'"
check "summary: the config's best rule applies" grep -q '^a	train/loss	6	1	6	.*	max	' "$tmp/out"
"$TB_BIN" export --logdir "$tmp/ld" --tag train/loss 2>/dev/null | head -1 >"$tmp/out"
check "export: the config's smoothing adds no column" grep -qx 'run,tag,step,wall_time,value' "$tmp/out"
printf 'notify = bell\nx = wall\n' >"$tmp/cmd"
"$TB_BIN" export --config "$tmp/cmd" --logdir "$tmp/ld" >/dev/null 2>"$tmp/err"
check "export: the config's screen options are no usage error" sh -c "test $? -eq 0 && test ! -s '$tmp/err'"
printf 'bo\033]0;x\007gus = 1\nsmoothing = 9\033[2J\n' >"$tmp/esc"
"$TB_BIN" summary --config "$tmp/esc" --logdir "$tmp/ld" >/dev/null 2>"$tmp/err"
check "the file's escapes reach stderr sanitised" sh -c "grep -q 'unknown key' '$tmp/err' && grep -q 'smoothing: ' '$tmp/err' &&
	! grep -q \"\$(printf '\033')\" '$tmp/err' && ! grep -q \"\$(printf '\007')\" '$tmp/err'"
print --hide-tags 'loss' --no-config >"$tmp/out"
check "--hide-tags on the command line" sh -c "! grep -q 'train/loss' '$tmp/out' && grep -q 'eval/acc' '$tmp/out'"
print --hide-tags '(' --no-config >/dev/null
check "--hide-tags with a bad regex: exit 2" test $? -eq 2
print --palette nope --no-config >/dev/null
check "--palette nope: exit 2, the names listed" sh -c "test $? -eq 2 && grep -q 'okabe-ito' '$tmp/err'"
# the grid's shape is a config key like any long option, and the command line wins
printf 'grid = 2x2\nno-mouse = yes\n' > "$tmp/grid.conf"
print --config "$tmp/grid.conf" >"$tmp/out"
check "grid = 2x2 in the file: the grid's shape" grep -q '| grid 2x2' "$tmp/out"
print --config "$tmp/grid.conf" --grid 1x1 >"$tmp/out"
check "--grid 1x1 on the command line wins" grep -q '| grid 1x1' "$tmp/out"
done_testing
