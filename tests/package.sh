#!/usr/bin/env bash
# The packages as users get them (run by .ci/run after the tests, sharing their build):
# - crates.io: `cargo publish --dry-run` packs the crate and builds it alone; the packed crate
#   then runs: init, build.
# - PyPI: the wheel (maturin, bindings = "bin") is built for this machine, installed into a
#   fresh venv, and its `cvsite` command runs: init, build.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

smoke() { # smoke BIN DIR: a new site from `init` builds, with its PDF
  "$1" -q init "$2" --name "Ada Example" --base-url https://ada.example.org/
  "$1" build --root "$2" -q
  test -f "$2/public/index.html" && test -f "$2/public/cv.pdf"
}

# --allow-dirty: also before a commit (CI runs on a clean clone anyway). All of cargo's output
# when it fails; its last line when it passes.
out="$(cargo publish --dry-run --locked --allow-dirty 2>&1)" || { echo "$out"; exit 1; }
echo "$out" | tail -1
version="$(grep -m1 '^version = ' Cargo.toml | cut -d'"' -f2)"
target="${CARGO_TARGET_DIR:-target}"
packed="$target/package/cvsite-$version"
# The packed sources, built alone; the compiled dependencies are the tests' (same profile, same
# lock file), so only cvsite itself is compiled again.
cargo build --locked --manifest-path "$packed/Cargo.toml" --target-dir "$target"
smoke "$target/debug/cvsite" "$tmp/from-crate"
echo "crates.io package: builds alone and runs"

python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.7,<2"
"$tmp/venv/bin/maturin" build --locked --profile dev --out "$tmp/dist" 2>&1 | tail -1
"$tmp/venv/bin/pip" install --quiet --disable-pip-version-check "$tmp"/dist/cvsite-*.whl
smoke "$tmp/venv/bin/cvsite" "$tmp/from-wheel"
echo "wheel: installs with pip and runs"
