#!/usr/bin/env bash
# Lints the committed OpenAPI documents of the three services (<service>/openapi.json) with the pinned Redocly CLI
# (npm @redocly/cli): the OpenAPI 3.1 specification and Redocly's recommended rules, every one of them an error, so a
# warning fails too (configuration: docs/openapi/redocly.yaml). Exits non-zero when a document breaks a rule.
#
# That a committed document is the one its service publishes is checked by the service's OpenApiDocumentIT in the
# Maven build; this checks what the documents say (valid examples, licence, security, ...).
#
# Usage (from anywhere; paths are relative to the repository root):
#   tools/scripts/check-openapi.sh
#
# Needs node and npx. The first run downloads the CLI into the npx cache (about 20 s); later runs take a second or two.
set -euo pipefail

cd "$(dirname "$0")/../.."

readonly CLI='@redocly/cli@2.77.0'
readonly CONFIG='docs/openapi/redocly.yaml'
readonly DOCUMENTS=(order-service/openapi.json payment-service/openapi.json notification-service/openapi.json)

if ! command -v npx > /dev/null; then
  echo "check-openapi: npx not found; install Node.js (with npm) to lint ${DOCUMENTS[*]}" >&2
  exit 2
fi

# Quiet, and nothing sent anywhere: no usage data (also off in the configuration), no update check, no npm notices.
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false NPM_CONFIG_LOGLEVEL=error

echo "check-openapi: $CLI lint ${DOCUMENTS[*]} (node $(node --version))"
# On node 20 the CLI prints a notice that its next major version needs node 22; it lints the same.
if ! npx --yes "$CLI" lint --config "$CONFIG" "${DOCUMENTS[@]}" < /dev/null; then
  echo "check-openapi: FAILED: fix the document through the code that generates it (see docs/openapi/README.md)" >&2
  exit 1
fi
echo "check-openapi: ${DOCUMENTS[*]} pass $CONFIG"
