#!/usr/bin/env bash
# serve: installs what is missing, builds the site into dist/ and serves it (PORT, default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-deps.sh serve
bash .ci/build.sh
exec node web/tools/serve.mjs --dir dist --port "${PORT:-8080}"
