#!/bin/sh
# layers.sh [-g] [TOP]: the layering rules of doc/ARCHITECTURE.md, checked
# on the #include lines of TOP/src and TOP/include. Prints one line a
# violation, "layers: RULE: FILE includes HEADER", and exits 1 when there
# is any. Modules, bottom up: core; fmt; io, chart; cmd, view; snap; ui; app.
# With -g it prints the include graph between modules instead.
set -u
graph=0
[ "${1:-}" = -g ] && { graph=1; shift; }
top=${1:-.}
cd "$top" || exit 2
# the module of each public header
public='
core common.h xalloc.h path.h options.h sink.h store.h strmap.h diag.h sanitize.h filter.h run_subject.h hpdiff.h group.h health.h health_mon.h notify.h
fmt source.h tfwriter.h
io loader.h discover.h watch.h engine.h demo.h
chart chart.h
cmd cmd.h
view view.h
snap snap.h
ui ui.h
app app.h
'
files=$( (find src include -name '*.[ch]' -o -name '*.cc' 2>/dev/null) | sort)
[ -n "$files" ] || { echo "layers: no sources under $top"; exit 2; }
# FILE<TAB>INCLUDE (quoted or angled, as written)
for f in $files; do
	sed -n 's/^[ 	]*#[ 	]*include[ 	]*\([<"][^>"]*[>"]\).*/\1/p' "$f" | sed "s|^|$f	|"
done | awk -F'\t' -v public="$public" -v graph=$graph '
function module_of_file(f,    p) {
	if (f ~ /^src\/[^\/]+\//) { split(f, p, "/"); return p[2] }
	if (f ~ /^include\/tailboard\//) { sub(/^include\/tailboard\//, "", f); return pub[f] }
	return ""
}
BEGIN {
	n = split(public, lines, "\n")
	for (i = 1; i <= n; i++) {
		m = split(lines[i], w, " ")
		for (j = 2; j <= m; j++) pub[w[j]] = w[1]
	}
	rank["core"] = 0; rank["fmt"] = 1; rank["io"] = 2; rank["chart"] = 2
	rank["cmd"] = 3; rank["view"] = 3; rank["snap"] = 4; rank["ui"] = 5; rank["app"] = 6
	bad = 0
}
function report(rule, f, h) { if (!graph) printf "layers: %s: %s includes %s\n", rule, f, h; bad = 1 }
{
	f = $1; inc = $2; m = module_of_file(f)
	if (m == "") { report("file-without-module", f, inc); next }
	if (inc ~ /^<(n?curses(w\/[^>]*)?\.h|ncursesw\/.*|term\.h|panel\.h|form\.h|menu\.h)>$/) {
		if (m != "ui") report("curses-outside-ui", f, inc)
		next
	}
	if (inc ~ /^</) next
	h = inc; gsub(/"/, "", h)
	if (h ~ /^tailboard\//) {
		sub(/^tailboard\//, "", h)
		to = pub[h]; private = 0
		if (to == "") { report("header-without-module", f, inc); next }
	} else if (h ~ /\//) {
		split(h, p, "/"); to = p[1]; private = 1
	} else {
		to = m; private = 1     # beside the includer: its own module
	}
	if (to == m) next
	edge[m SUBSEP to] = f " includes " inc
	count[m " -> " to]++
	if (private) report("private-header-of-another-module", f, inc)
	if (m == "core") report("core-includes-" to, f, inc)
	else if (m == "fmt" && to != "core") report("fmt-includes-" to, f, inc)
	else if (m == "chart" && to != "core") report("chart-includes-" to, f, inc)
	else if (m == "view" && to == "io" && private) report("view-includes-io-internals", f, inc)
	else if (rank[to] > rank[m] || (rank[to] == rank[m])) report("layer-order-" m "-above-" to, f, inc)
}
END {
	if (graph) {
		for (e in count) printf "%s (%d)\n", e, count[e]
		exit 0
	}
	for (e in edge) {
		split(e, ab, SUBSEP)
		if ((ab[2] SUBSEP ab[1]) in edge && ab[1] < ab[2]) {
			printf "layers: modules-include-each-other: %s and %s (%s; %s)\n", ab[1], ab[2], edge[e], edge[ab[2] SUBSEP ab[1]]
			bad = 1
		}
	}
	exit bad
}'
