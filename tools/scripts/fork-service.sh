#!/usr/bin/env bash
# Proves that one service can be forked alone: copies it, with exactly the modules its build and tests need
# (shared-events, platform/ and the simulator of its external system; read from the poms), into an empty folder,
# then builds and tests it there with the Maven wrapper it carries. CI runs it for payment-service.
#   tools/scripts/fork-service.sh payment-service /tmp/payments          # fork, build and test
#   tools/scripts/fork-service.sh payment-service /tmp/payments --copy-only
# The walk-through is docs/forking.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/scripts/jdk.sh

if [ $# -lt 2 ]; then
  echo "Usage: $0 <service> <empty folder> [--copy-only]" >&2
  exit 2
fi
service=$1
target=$2

"$JAVA_HOME/bin/java" tools/scripts/ForkService.java "$service" "$target"
if [ "${3:-}" = "--copy-only" ]; then
  exit 0
fi

cd "$target"
# nothing of the original checkout is reachable from here: a forgotten module fails the build, not this script
echo "Building and testing the fork in $target..."
./mvnw verify
