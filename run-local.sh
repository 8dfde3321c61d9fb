#!/usr/bin/env bash
# Runs orderflow locally on real components, without Docker: a KRaft Kafka broker on localhost:9092, PostgreSQL,
# the payment provider simulator, an SMTP server and the three services (ports 8081-8083).
#   ./run-local.sh                  one instance of each service
#   ./run-local.sh --instances 2    two of each, sharing their consumer groups (the second on 18081-18083)
#   ./run-local.sh --brokers 3      a Kafka cluster of three nodes (9092-9094), topics replicated on all three
# Builds what is needed first. Runs in the foreground; Ctrl-C or SIGTERM stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"
source tools/scripts/jdk.sh

echo "Building orderflow (tests skipped; ./mvnw verify runs them)..."
./mvnw -q -B -DskipTests package

jar=$(ls tools/local-stack/target/local-stack-*-exec.jar)
exec "$JAVA_HOME/bin/java" -jar "$jar" "$@"
