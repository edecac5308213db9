#!/bin/sh
# sizes.sh [TOP]: files of a few hundred lines, functions that fit on a
# screen. Prints "sizes: FILE: N lines" for a file of src/ or include/
# over 600 lines and "sizes: FILE: FUNCTION: N lines" for a function over
# 80 (option parsing, one case a flag, is let be: cli_parse, cli_option), and exits 1 when any.
set -u
cd "${1:-.}" || exit 2
bad=0
for f in $(find src include -name '*.[ch]' -o -name '*.cc' | sort); do
	n=$(wc -l <"$f")
	if [ "$n" -gt 600 ]; then echo "sizes: $f: $n lines"; bad=1; fi
	# a function: a line at column 0 ending in ")" or "," then "{" alone
	awk -v F="$f" '
		/^\{/ && prev != "" { start = NR; name = prev; sub(/\(.*/, "", name); gsub(/.* \**/, "", name) }
		/^\}/ && start { n = NR - start + 1; if (n > 80 && name != "cli_parse" && name != "cli_option") { printf "sizes: %s: %s: %d lines\n", F, name, n; bad = 1 } start = 0 }
		{ if ($0 !~ /^[ \t]/ && $0 != "{") prev = $0 }
		END { exit bad }' "$f" || bad=1
done
exit $bad
