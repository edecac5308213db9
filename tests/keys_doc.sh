#!/bin/sh
# The man page's KEYS section and the README's key table say what the key
# table in src/ui/keys.c says (the screen's '?' help is drawn from it).
. "$TB_SRCDIR/tests/lib.sh"
gen="$TB_SRCDIR/doc/keys.sh"
man=$(sed -n '/^\.SH KEYS$/,/^\.SH EXIT STATUS$/p' "$TB_SRCDIR/man/tailboard.1" | sed '$d')
check "man page KEYS section matches the key table" test "$man" = "$(sh "$gen" man)"
md=$(sed -n '/^## Keys$/,/^## Formats$/p' "$TB_SRCDIR/README.md" | sed -e '1,2d' -e '$d' | sed '/^$/d')
check "README key table matches the key table" test "$md" = "$(sh "$gen" md)"
[ "$md" = "$(sh "$gen" md)" ] || { printf "%s\n" "$md" >"${TMPDIR:-/tmp}/keys.$$"; sh "$gen" md | diff "${TMPDIR:-/tmp}/keys.$$" - | sed "s/^/# /" | head; rm -f "${TMPDIR:-/tmp}/keys.$$"; }
done_testing
