#!/usr/bin/env bash
# Checks the runnable HTTP examples (docs/http/*.http) against the running system, so the examples in the docs cannot rot:
# starts the local stack (Kafka, PostgreSQL, provider simulator, SMTP, the authorization server on 9000, the three
# services on 8081-8083) from the built jars, waits until the three services report UP (health on their management
# ports 9181-9183, which need no token), sends every request with httpyac (each `??` assertion must hold; the files
# get their tokens from the authorization server first), and stops the stack again, also when something fails.
#
# Builds nothing: run `./mvnw -DskipTests package` (or any build that packages) first. Needs Node.js (npx) and the
# demo's ports free, like ./run-local.sh; if one is taken it says which and fails. Everything is on localhost.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/scripts/jdk.sh

HTTPYAC="httpyac@6.16.7"
READY_TIMEOUT_SECONDS=${READY_TIMEOUT_SECONDS:-180}
STOP_TIMEOUT_SECONDS=60
# name and management port: health answers there, without a token
SERVICES=("order-service 9181" "payment-service 9182" "notification-service 9183")
LOG=.local-stack/http-examples-stack.log

jar=$(ls tools/local-stack/target/local-stack-*-exec.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
  echo "No tools/local-stack/target/local-stack-*-exec.jar: build first (./mvnw -DskipTests package)." >&2
  exit 1
fi
if ! command -v npx >/dev/null 2>&1; then
  echo "npx not found: the HTTP examples run with httpyac, which needs Node.js." >&2
  exit 1
fi

started=$SECONDS
stack_pid=""

stop_stack() {
  local status=$?
  if [ -n "$stack_pid" ] && kill -0 "$stack_pid" 2>/dev/null; then
    echo "Stopping the local stack (pid $stack_pid)..."
    kill -TERM "$stack_pid" 2>/dev/null || true
    local waited=0
    while kill -0 "$stack_pid" 2>/dev/null && [ "$waited" -lt "$STOP_TIMEOUT_SECONDS" ]; do
      sleep 1
      waited=$((waited + 1))
    done
    if kill -0 "$stack_pid" 2>/dev/null; then
      echo "The local stack did not stop within ${STOP_TIMEOUT_SECONDS} s: killing it." >&2
      kill -KILL "$stack_pid" 2>/dev/null || true
    fi
    wait "$stack_pid" 2>/dev/null || true
    echo "Stopped."
  fi
  echo "check-http-examples: $([ "$status" -eq 0 ] && echo passed || echo "FAILED (exit $status)") in $((SECONDS - started)) s"
  exit "$status"
}
trap stop_stack EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

health() {
  curl -s --max-time 2 "http://127.0.0.1:$1/actuator/health" 2>/dev/null || true
}

mkdir -p .local-stack
echo "Starting the local stack ($jar), log in $LOG..."
"$JAVA_HOME/bin/java" -jar "$jar" </dev/null >"$LOG" 2>&1 &
stack_pid=$!

# Ready when the stack printed its banner (it does once every service is UP) and all three answer UP; a stack that
# exits first (a port taken, a service that does not start) fails the check with its own words.
deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
while true; do
  if ! kill -0 "$stack_pid" 2>/dev/null; then
    code=0
    wait "$stack_pid" || code=$?
    stack_pid=""
    echo "The local stack exited (code $code) before it was ready:" >&2
    tail -n 20 "$LOG" >&2
    exit 1
  fi
  if grep -q "orderflow is up" "$LOG"; then
    ready=true
    for service in "${SERVICES[@]}"; do
      read -r name port <<<"$service"
      health "$port" | grep -q '"status":"UP"' || ready=false
    done
    if $ready; then
      break
    fi
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "The local stack was not UP within ${READY_TIMEOUT_SECONDS} s:" >&2
    for service in "${SERVICES[@]}"; do
      read -r name port <<<"$service"
      echo "  $name (:$port): $(health "$port")" >&2
    done
    tail -n 20 "$LOG" >&2
    exit 1
  fi
  sleep 2
done
echo "The local stack is UP after $((SECONDS - started)) s."

# --all: every request of every file, in order; httpyac exits 20 when an assertion fails, 10 when a request errs.
# -o short prints one line per request and its assertions; a failed request is shown in full.
npx --yes "$HTTPYAC" send docs/http/*.http --all --no-color -o short --output-failed exchange
