#!/usr/bin/env bash
# Measures orderflow: starts the local stack on free ports, offers a ladder of constant order rates until
# saturation, measures the machine's baselines (Kafka ProducerPerformance, PostgreSQL commits, HTTP no-op) in the
# same run, and writes report.md, results.json and latency.svg to target/benchmark/<timestamp>/ (see
# docs/performance.md). --smoke runs a tiny ladder. Options as -D system properties, e.g.
#   ./run-benchmark.sh -Dorderflow.benchmark.rates=100,200 -Dorderflow.benchmark.step-seconds=30
set -euo pipefail
cd "$(dirname "$0")"
source tools/scripts/jdk.sh

java_options=()
arguments=()
for argument in "$@"; do
  case "$argument" in
    -D*) java_options+=("$argument") ;;
    *) arguments+=("$argument") ;;
  esac
done

echo "Building orderflow (tests skipped)..."
./mvnw -q -B -DskipTests package -pl tools/benchmark,order-service,payment-service,notification-service -am

# this JVM also hosts the broker, the simulator, the SMTP server and the console of the local stack
exec "$JAVA_HOME/bin/java" -Xmx1g "${java_options[@]}" -jar "$(ls tools/benchmark/target/benchmark-*.jar | head -1)" "${arguments[@]}"
