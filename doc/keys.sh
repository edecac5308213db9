#!/bin/sh
# keys.sh man|md: the KEYS section of man/tailboard.1 or the README's key
# table, made from the key table in src/ui/keys.c, the same table the screen
# dispatches on and draws its '?' help from. tests/keys_doc.sh checks that
# the committed docs are what this prints.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
topn=$(sed -n 's/^#define TOP_N \([0-9]*\).*/\1/p' "$top/src/ui/ui_int.h")
# one "NAMES<TAB>WHAT" line per binding: the two strings after the key list
sed -n '/^static const struct key_binding key_table\[\] = {/,/^};/p' "$top/src/ui/keys.c" |
	grep '^	{ {' |
	sed -e "s/\" TB_STR(TOP_N) \"/$topn/g" \
	    -e 's/^	{ {[^}]*}, "\([^"]*\)", "\([^"]*\)", [a-z_]* },$/\1	\2/' |
case ${1:-} in
man)
	echo '.SH KEYS'
	printf '%s\n' 'The same bindings the screen shows on \fB?\fR (from one key table).'
	while IFS='	' read -r names what; do
		printf '.TP\n.B %s\n%s\n' "$(printf '%s' "$names" | sed 's/-/\\-/g')" \
			"$(printf '%s' "$what" | sed 's/-/\\-/g')"
	done ;;
md)
	echo '| Key | Action |'
	echo '|---|---|'
	while IFS='	' read -r names what; do
		keys=$(printf '%s' "$names" | sed -e 's/|/\\|/g' -e 's/\([^ ][^ ]*\)/`\1`/g')
		printf '| %s | %s |\n' "$keys" "$(printf '%s' "$what" | sed 's/|/\\|/g')"
	done ;;
*) echo "usage: keys.sh man|md" >&2; exit 2 ;;
esac
