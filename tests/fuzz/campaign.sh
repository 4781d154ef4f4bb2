#!/bin/sh
# Builds the fuzzer with the `fuzz` profile (release speed, overflow checks and debug
# assertions on) and runs a campaign from the repository root. Arguments go to
# `fuzz campaign`, e.g.
#
#   tests/fuzz/campaign.sh --count 100000      # seeds 0..100000 (or resume the state file)
#   tests/fuzz/campaign.sh                     # resume (tests/fuzz/fuzz.state)
#   tests/fuzz/campaign.sh --from 5000000 --to 6000000 --state /tmp/b.state
#   tests/fuzz/campaign.sh --summary           # what the state file says
#
# The binary is copied before it runs, so that rebuilding during a long campaign does not
# change the workers under it. See tests/fuzz/README.md.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cargo build --profile fuzz --quiet -p tests --bin fuzz
bin=$(mktemp -d "${TMPDIR:-/tmp}/rebound-fuzz-bin.XXXXXX")
cp "$root/target/fuzz/fuzz" "$bin/fuzz"
trap 'rm -rf "$bin"' EXIT
"$bin/fuzz" campaign "$@"
