#!/usr/bin/env bash
# Regenerate the expected output files of the corpus with CRuby.
#
#   tests/corpus/regen.sh            # every NAME.rb in this directory
#   tests/corpus/regen.sh foo bar.rb # only foo.rb and bar.rb
#
# For each NAME.rb it writes NAME.stdout (standard output), NAME.status (exit
# status) and NAME.stderr (the FIRST line of standard error only, or an empty
# file). Programs are run from inside this directory so that file names in
# messages are just NAME.rb. REGEN_DIR names another directory of programs
# (tests/deopt/regen.sh uses it).
set -u
cd "${REGEN_DIR:-$(dirname "${BASH_SOURCE[0]}")}" || exit 1

RUBY="${RUBY:-ruby}"

if [ "$#" -eq 0 ]; then
  set -- *.rb
fi

status=0
for arg in "$@"; do
  name="$(basename "$arg")"
  name="${name%.rb}"
  if [ ! -f "$name.rb" ]; then
    echo "regen.sh: no such program: $name.rb" >&2
    status=1
    continue
  fi
  "$RUBY" --disable-error_highlight --disable-did_you_mean "$name.rb" \
    > "$name.stdout" 2> "$name.stderr.full"
  echo $? > "$name.status"
  if [ -s "$name.stderr.full" ]; then
    head -n 1 "$name.stderr.full" > "$name.stderr"
  else
    : > "$name.stderr"
  fi
  rm -f "$name.stderr.full"
done
exit "$status"
