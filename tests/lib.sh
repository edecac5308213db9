# lib.sh: TAP helpers for shell tests. Source it; call ok/not_ok/skip; end with done_testing.
# run by hand from anywhere in the tree: the top is where configure.ac is
_tb_top=$(cd "$(dirname "$0")" && while [ ! -f configure.ac ] && [ "$PWD" != / ]; do cd ..; done; pwd)
: "${TB_BIN:=$_tb_top/tailboard}"
: "${TB_SRCDIR:=$_tb_top}"
: "${TB_BUILDDIR:=$(dirname "$TB_BIN")}"
# ../shared/realdata beside the checkout (CI) or given explicitly
if [ -z "${TB_REALDATA:-}" ]; then
	for d in "$TB_SRCDIR/../shared/realdata" "$TB_SRCDIR/../../shared/realdata" "$TB_SRCDIR/../../../shared/realdata" /work/shared/realdata; do
		if [ -d "$d" ]; then TB_REALDATA=$(cd "$d" && pwd); break; fi
	done
fi
# never the developer's own config file: an empty directory (make check
# makes one in the build tree; by hand, one that does not exist)
case "${XDG_CONFIG_HOME:-}" in
*/tests/empty-config) ;;
*) XDG_CONFIG_HOME=/nonexistent/tailboard-tests-config; export XDG_CONFIG_HOME ;;
esac
_tap_n=0
_tap_fail=0
ok() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n - $*"; }
not_ok() { _tap_n=$((_tap_n + 1)); _tap_fail=$((_tap_fail + 1)); echo "not ok $_tap_n - $*"; }
check() { # check "description" command...
	local d=$1; shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
skip() { _tap_n=$((_tap_n + 1)); echo "ok $_tap_n # SKIP $*"; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
diag() { printf '# %s\n' "$@"; }
done_testing() { echo "1..$_tap_n"; [ "$_tap_fail" -eq 0 ]; exit $?; }
tb_tmpdir() { mktemp -d "${TMPDIR:-/tmp}/tailboard-test.XXXXXX"; }
# tmux: a script sets TM="tmux -u -L SOCKET -f /dev/null" and then
cap() { $TM capture-pane -p -t "$1"; }
# wait_gone PANE TEXT [TRIES [SLEEP]]: until the pane no longer shows TEXT
# (a frame after a key may still be on its way)
wait_gone() {
	i=0
	while [ $i -lt "${3:-100}" ]; do
		cap "$1" | grep -qF -- "$2" || return 0
		sleep "${4:-0.1}"
		i=$((i + 1))
	done
	diag "pane $1 still shows: $2"
	cap "$1" | sed 's/^/# | /'
	return 1
}

# wait_pane SESSION FIXED-STRING [TRIES [EVERY]]: poll the pane every
# EVERY seconds (0.1), TRIES times at most (100: 10 s)
wait_pane() {
	i=0
	while [ $i -lt "${3:-100}" ]; do
		cap "$1" | grep -qF -- "$2" && return 0
		sleep "${4:-0.1}"
		i=$((i + 1))
	done
	diag "pane $1 never showed: $2"
	cap "$1" | sed 's/^/# | /'
	return 1
}
