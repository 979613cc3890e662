#!/bin/sh
# Regenerates data/common-passwords.txt, the list of common passwords that
# password_policy() refuses (DESIGN §8).  A maintainer's tool: the list is
# shipped, so neither the build nor the worker needs these packages.
#
# Sources (Debian packages):
#   john-data         /usr/share/john/password.lst — 3,546 passwords most
#                     often seen in real leaks, compiled by Openwall
#                     (public domain);
#   cracklib-runtime  /usr/share/dict/cracklib-small — 54,763 dictionary
#                     words and common passwords of cracklib (LGPL-2.1).
# plus keyboard walks and digit runs made here.  Entries are lower-cased
# and unique; the worker also refuses a listed word followed by up to six
# digits or symbols ("sunshine2024!"), and l33t spellings ("p@ssw0rd").
set -eu
JOHN=${JOHN:-/usr/share/john/password.lst}
CRACK=${CRACK:-/usr/share/dict/cracklib-small}
OUT=${1:-$(dirname "$0")/common-passwords.txt}
for f in "$JOHN" "$CRACK"; do
  [ -r "$f" ] || { echo "$0: $f missing (apt-get install john-data cracklib-runtime)" >&2; exit 1; }
done
tmp=$(mktemp)
{
  grep -v '^#!comment' "$JOHN"
  cat "$CRACK"
  # keyboard rows and digit runs of 12 to 20 characters, forwards and back
  for s in 12345678901234567890 09876543210987654321 \
      qwertyuiopasdfghjklzxcvbnm 1qaz2wsx3edc4rfv5tgb6yhn 1q2w3e4r5t6y7u8i9o0p \
      qwertzuiopasdfghjklyxcvbnm azertyuiopqsdfghjklmwxcvbn zaq12wsxcde34rfv \
      abcdefghijklmnopqrstuvwxyz; do
    n=12
    while [ $n -le ${#s} ] && [ $n -le 20 ]; do
      printf '%s\n' "$s" | cut -c1-$n
      n=$((n + 1))
    done
  done
} | tr 'A-Z' 'a-z' | tr -d '\r' | LC_ALL=C grep -v '^[[:space:]]*$' | LC_ALL=C sort -u >"$tmp"
{
  echo "# Common passwords refused by Steward (data/common-passwords.sh made this file)."
  echo "# Sources: Openwall's password.lst (public domain, via Debian john-data),"
  echo "# cracklib-small (LGPL-2.1, via Debian cracklib-runtime), keyboard walks."
  echo "# One lower-case entry a line; lines starting with # are comments."
  cat "$tmp"
} >"$OUT"
rm -f "$tmp"
echo "$OUT: $(grep -vc '^#' "$OUT") entries"
