#!/usr/bin/env bash
# Regenerate the expected output files of the deopt programs with CRuby, by the
# corpus's script (same files, same method: see tests/corpus/regen.sh).
#
#   tests/deopt/regen.sh            # every NAME.rb in this directory
#   tests/deopt/regen.sh foo bar.rb # only foo.rb and bar.rb
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REGEN_DIR="$here" exec "$here/../corpus/regen.sh" "$@"
