#!/usr/bin/env bash
# Validates the AsyncAPI document of the event contracts with the pinned AsyncAPI CLI (npm @asyncapi/cli): the
# AsyncAPI 3.0 specification, the $refs to the committed JSON Schemas, and the CLI's rules, where a warning fails
# too. Exits non-zero when the document is invalid.
#
# That the document agrees with the code (catalogs, topics, headers, schemas, examples) is checked by
# AsyncApiDocumentTest in the shared-events build; the CLI does not validate the examples of an AsyncAPI 3 document.
#
# Usage (from anywhere; paths are relative to the repository root):
#   tools/scripts/check-asyncapi.sh                   validate the document
#   tools/scripts/check-asyncapi.sh --render          validate, then regenerate the committed Markdown rendering,
#                                               docs/asyncapi/asyncapi.md, and the HTML page in docs/asyncapi/html/
#                                               (not committed: its script bundle alone is 2.5 MB)
#   tools/scripts/check-asyncapi.sh --check-rendering validate, then fail if docs/asyncapi/asyncapi.md is stale
#
# Needs node and npx. The first run downloads the CLI into the npx cache (about 50 s), the first rendering the
# templates too (about 60 s); later runs take a few seconds.
set -euo pipefail

cd "$(dirname "$0")/../.."

readonly CLI='@asyncapi/cli@6.2.0'
readonly HTML_TEMPLATE='@asyncapi/html-template@3.5.6'
readonly MARKDOWN_TEMPLATE='@asyncapi/markdown-template@2.0.0'
readonly DOCUMENT='shared-events/src/main/resources/asyncapi.yaml'
readonly RENDERING='docs/asyncapi'

mode="${1:-validate}"
case "$mode" in
  validate | --render | --check-rendering) ;;
  *)
    echo "usage: $0 [--render | --check-rendering]" >&2
    exit 2
    ;;
esac

if ! command -v npx > /dev/null; then
  echo "check-asyncapi: npx not found; install Node.js (with npm) to validate $DOCUMENT" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Quiet, and nothing sent anywhere: no usage metrics (a metrics config of our own, so nothing is written to the
# home directory either; with CI=true the CLI sends none anyway), no update check, no npm notices.
printf '{"analyticsEnabled":"false","infoMessageShown":"true","userID":"orderflow-check"}' > "$work/metrics.json"
export ASYNCAPI_METRICS_CONFIG_PATH="$work/metrics.json"
export ASYNCAPI_SKIP_NEW_VERSION_CHECK=true
# the CLI loads node-config, which warns that there is no ./config directory for NODE_ENV=production
export NODE_CONFIG_ENV=development SUPPRESS_NO_CONFIG_WARNING=true
export NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
# the CLI declares node >= 24 but works on node 20; npm's engine warnings are noise
export NPM_CONFIG_LOGLEVEL=error
# the HTML template depends on puppeteer (for its optional PDF output): never download a browser
export PUPPETEER_SKIP_DOWNLOAD=true

echo "check-asyncapi: $CLI validate $DOCUMENT (node $(node --version))"
# asyncapi-latest-version only says that 3.1.0 exists: the document is 3.0.0 on purpose (what the tools render)
if ! npx --yes "$CLI" validate "$DOCUMENT" --fail-severity warn --suppressWarnings asyncapi-latest-version < /dev/null; then
  echo "check-asyncapi: FAILED: $DOCUMENT is not a valid AsyncAPI document" >&2
  exit 1
fi
echo "check-asyncapi: $DOCUMENT is valid"

[[ "$mode" == validate ]] && exit 0

render() { # template output-directory
  npx --yes "$CLI" generate fromTemplate "$DOCUMENT" "$1" --no-interactive --output "$2" \
    < /dev/null > "$work/generate.log" 2>&1 || {
    cat "$work/generate.log" >&2
    echo "check-asyncapi: FAILED to render $DOCUMENT with $1" >&2
    exit 1
  }
}

echo "check-asyncapi: rendering with $MARKDOWN_TEMPLATE"
render "$MARKDOWN_TEMPLATE" "$work/markdown"

if [[ "$mode" == --render ]]; then
  mkdir -p "$RENDERING"
  cp "$work/markdown/asyncapi.md" "$RENDERING/asyncapi.md"
  echo "check-asyncapi: wrote $RENDERING/asyncapi.md; commit it"
  echo "check-asyncapi: rendering with $HTML_TEMPLATE"
  render "$HTML_TEMPLATE" "$work/html"
  rm -rf "${RENDERING:?}/html"
  cp -R "$work/html" "$RENDERING/html"
  echo "check-asyncapi: wrote $RENDERING/html/index.html (ignored by git); open it in a browser"
  exit 0
fi

if ! diff -q "$work/markdown/asyncapi.md" "$RENDERING/asyncapi.md" > /dev/null 2>&1; then
  echo "check-asyncapi: FAILED: $RENDERING/asyncapi.md is not the rendering of $DOCUMENT; run tools/scripts/check-asyncapi.sh --render and commit it" >&2
  exit 1
fi
echo "check-asyncapi: $RENDERING/asyncapi.md is up to date"
