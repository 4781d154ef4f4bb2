#!/usr/bin/env bash
# Regenerate the expected output files of the programs run under a 4 GiB address-space
# limit, by the corpus's script (same files, same method: see tests/corpus/regen.sh),
# with CRuby under the same limit (`ruby-4g`, which needs prlimit from util-linux).
#
#   tests/limits/regen.sh            # every NAME.rb in this directory
#   tests/limits/regen.sh foo bar.rb # only foo.rb and bar.rb
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REAL_RUBY="${RUBY:-ruby}" RUBY="$here/ruby-4g" REGEN_DIR="$here" exec "$here/../corpus/regen.sh" "$@"
