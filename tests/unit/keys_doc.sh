#!/bin/sh
# The man page's KEYS section and the README's key table say what the key
# table in src/view/keys.c says: tailboard --help-keys prints it from the
# table the screen dispatches on and draws its '?' help from
# (doc/update-keys.sh, make docs, writes them).
. "$TB_SRCDIR/tests/lib.sh"
man=$(sed -n '/^\.SH KEYS$/,/^\.SH EXIT STATUS$/p' "$TB_SRCDIR/man/tailboard.1" | sed '$d')
check "man page KEYS section matches the key table" test "$man" = "$("$TB_BIN" --help-keys=man)"
md=$(sed -n '/^## Keys$/,/^## Formats$/p' "$TB_SRCDIR/README.md" | sed -e '1,2d' -e '$d' | sed '/^$/d')
check "README key table matches the key table" test "$md" = "$("$TB_BIN" --help-keys=md)"
[ "$md" = "$("$TB_BIN" --help-keys=md)" ] || { printf "%s\n" "$md" >"${TMPDIR:-/tmp}/keys.$$"; "$TB_BIN" --help-keys=md | diff "${TMPDIR:-/tmp}/keys.$$" - | sed "s/^/# /" | head; rm -f "${TMPDIR:-/tmp}/keys.$$"; }
check "the } { row reads as two keys" sh -c "\"$TB_BIN\" --help-keys=md | grep -qF '| \`}\` \`{\` | smoothing +0.01 / -0.01 |'"
check "--help-keys refuses another format with a usage error" sh -c "\"$TB_BIN\" --help-keys=pdf 2>/dev/null; test \$? -eq 2"
done_testing
