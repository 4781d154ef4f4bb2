#!/bin/sh
# Builds rebound and the campaign runner with --release, then runs a campaign of
# generated programs from the repository root. Arguments go to the runner, e.g.
#
#   tests/gen/campaign.sh --count 5000          # seeds 0..5000 (or resume the state file)
#   tests/gen/campaign.sh                       # resume (tests/gen/campaign.state)
#   tests/gen/campaign.sh --seed 1234           # one seed, every configuration, shrunk
#   tests/gen/campaign.sh --help
#
# See tests/gen/README.md.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cargo build --release --quiet --bin rebound
cargo build --release --quiet -p tests --bin campaign --bin gen
exec "$root/target/release/campaign" --rebound "$root/target/release/rebound" "$@"
