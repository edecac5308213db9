#!/bin/sh
# structure.sh: the layering rules (tests/unit/layers.sh) hold on the
# tree, and each rule fails, by name, on a small tree that breaks it; no
# file of src/ or include/ is over 600 lines, no function over 80
# (tests/unit/sizes.sh).
. "$TB_SRCDIR/tests/lib.sh"
L="$TB_SRCDIR/tests/unit/layers.sh"
out=$(sh "$L" "$TB_SRCDIR" 2>&1)
check "the tree keeps the layering rules" test -z "$out"
[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/# /'
out=$(sh "$TB_SRCDIR/tests/unit/sizes.sh" "$TB_SRCDIR" 2>&1)
check "no file over 600 lines, no function over 80" test -z "$out"
[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/# /'

T=$(tb_tmpdir)
trap 'rm -rf "$T"' EXIT INT TERM
# breaks RULE FILE LINE: a tree whose FILE holds LINE fails naming RULE
breaks() {
	rule=$1 file=$2 line=$3
	rm -rf "$T/t"
	mkdir -p "$T/t/src/core" "$T/t/include/tailboard"
	echo '#include "tailboard/common.h"' >"$T/t/src/core/ok.c"
	mkdir -p "$T/t/$(dirname "$file")"
	echo "$line" >>"$T/t/$file"
	res=$(sh "$L" "$T/t" 2>&1)
	st=$?
	if [ $st -eq 1 ] && printf '%s\n' "$res" | grep -q "layers: $rule"; then
		ok "fails naming $rule: $file has $line"
	else
		not_ok "fails naming $rule: $file has $line (exit $st)"
		printf '%s\n' "$res" | sed 's/^/# /'
	fi
}
breaks curses-outside-ui src/view/v.c '#include <curses.h>'
breaks curses-outside-ui src/chart/c.c '#include <ncursesw/curses.h>'
breaks core-includes-io src/core/s.c '#include "tailboard/loader.h"'
breaks core-includes-fmt src/core/s.c '#include "tailboard/source.h"'
breaks core-includes-chart src/core/s.c '#include "tailboard/chart.h"'
breaks core-includes-view src/core/s.c '#include "tailboard/view.h"'
breaks core-includes-ui include/tailboard/store.h '#include "tailboard/ui.h"'
breaks fmt-includes-io src/fmt/r.c '#include "tailboard/engine.h"'
breaks fmt-includes-view src/fmt/r.c '#include "tailboard/view.h"'
breaks fmt-includes-ui src/fmt/r.c '#include "tailboard/ui.h"'
breaks chart-includes-fmt src/chart/c.c '#include "tailboard/source.h"'
breaks chart-includes-view src/chart/c.c '#include "tailboard/view.h"'
breaks view-includes-io-internals src/view/v.c '#include "io/loader_int.h"'
breaks private-header-of-another-module src/cmd/x.c '#include "fmt/pb.h"'
breaks private-header-of-another-module src/cmd/x.cc '#include "fmt/pb.h"'
breaks layer-order-io-above-cmd src/io/x.c '#include "tailboard/cmd.h"'
breaks header-without-module src/io/x.c '#include "tailboard/nowhere.h"'
# a cycle: two modules that include each other
rm -rf "$T/t"; mkdir -p "$T/t/src/io" "$T/t/src/cmd"
echo '#include "tailboard/cmd.h"' >"$T/t/src/io/a.c"
echo '#include "tailboard/engine.h"' >"$T/t/src/cmd/b.c"
res=$(sh "$L" "$T/t" 2>&1)
check "fails naming modules-include-each-other for io and cmd" sh -c "printf '%s\n' \"\$0\" | grep -q 'modules-include-each-other: cmd and io'" "$res"
# the size rules fail too
rm -rf "$T/t"; mkdir -p "$T/t/src/core"
awk 'BEGIN { print "static int f(void)\n{"; for (i = 0; i < 90; i++) print "\tx++;"; print "}" }' >"$T/t/src/core/long.c"
res=$(sh "$TB_SRCDIR/tests/unit/sizes.sh" "$T/t" 2>&1)
check "a function over 80 lines is named" sh -c "printf '%s\n' \"\$0\" | grep -q 'long.c: f: 92 lines'" "$res"
done_testing
