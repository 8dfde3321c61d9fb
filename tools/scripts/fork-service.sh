#!/usr/bin/env bash
# Proves that one service can be forked alone: copies it, with exactly the modules its build and tests need
# (shared-events, platform/ and the simulator of its external system; read from the poms), into an empty folder,
# then builds and tests it there with the Maven wrapper it carries. CI runs it for payment-service.
#   tools/scripts/fork-service.sh payment-service /tmp/payments                       # fork, build, run every test
#   tools/scripts/fork-service.sh payment-service /tmp/payments --service-tests-only  # every module built, the
#                                                        # service's own tests run (CI: the main build ran the others)
#   tools/scripts/fork-service.sh payment-service /tmp/payments --copy-only
# The walk-through is docs/forking.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/scripts/jdk.sh

if [ $# -lt 2 ]; then
  echo "Usage: $0 <service> <empty folder> [--service-tests-only | --copy-only]" >&2
  exit 2
fi
service=$1
target=$2
mode=${3:-}

"$JAVA_HOME/bin/java" tools/scripts/ForkService.java "$service" "$target"
if [ "$mode" = "--copy-only" ]; then
  exit 0
fi

tests=()
if [ "$mode" = "--service-tests-only" ]; then
  # the service's package, from its Spring Boot application class: its unit and integration tests live below it
  application=$(find "$service/src/main/java" -name '*Application.java' | head -n 1)
  package=$(dirname "${application#"$service/src/main/java/"}")
  tests=(-Dtest="$package/**/*Test" -Dit.test="$package/**/*IT,$package/**/*IntegrationTest"
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false)
fi

cd "$target"
# nothing of the original checkout is reachable from here: a forgotten module fails the build, not this script
echo "Building and testing the fork in $target..."
./mvnw verify "${tests[@]}"
