#!/bin/bash
# xslt-same.sh REV XML...: draws each XML document with the stylesheets of
# git revision REV and with the working tree's (xsltproc, the serializer
# nginx's filter uses) and names the documents whose HTML differs.  For a
# change that must keep the pages byte for byte: collect documents first,
# e.g. curl -b COOKIES http://127.0.0.1:PORT/api/settings/users > users.xml,
# for each role and page variant.  Exits 1 when one differs.
set -eu
[ $# -ge 2 ] || { echo "usage: $0 REV XML..." >&2; exit 2; }
rev=$1; shift
root=$(cd "$(dirname "$0")/../.." && pwd -P)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
git -C "$root" archive "$rev" xslt | tar -x -C "$tmp"
n=0; bad=0
for x in "$@"; do
  n=$((n + 1))
  xsltproc "$tmp/xslt/site.xsl" "$x" >"$tmp/a.html" 2>/dev/null || true
  xsltproc "$root/xslt/site.xsl" "$x" >"$tmp/b.html" 2>/dev/null || true
  cmp -s "$tmp/a.html" "$tmp/b.html" || { bad=$((bad + 1)); echo "differs: $x"; }
done
echo "$n documents, $bad differ"
[ "$bad" -eq 0 ]
