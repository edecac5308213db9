#!/bin/sh
# update-keys.sh TAILBOARD: rewrite the README's key table and the man
# page's KEYS section from the key table the screen dispatches on, as
# `tailboard --help-keys` prints it (make docs). tests/unit/keys_doc.sh
# checks that the committed docs are what this writes.
set -eu
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" --help-keys=md >"$tmp/md"
"$bin" --help-keys=man >"$tmp/man"
# README: between "## Keys" and the next section, a blank line either side
awk -v f="$tmp/md" '
	/^## Keys$/ { print; print ""; while ((getline l < f) > 0) print l; print ""; skip = 1; next }
	/^## / && skip { skip = 0 }
	!skip' "$top/README.md" >"$tmp/readme"
# man page: from ".SH KEYS" up to the next section
awk -v f="$tmp/man" '
	/^\.SH KEYS$/ { while ((getline l < f) > 0) print l; skip = 1; next }
	/^\.SH / && skip { skip = 0 }
	!skip' "$top/man/tailboard.1" >"$tmp/man1"
cp "$tmp/readme" "$top/README.md"
cp "$tmp/man1" "$top/man/tailboard.1"
