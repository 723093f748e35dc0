#!/usr/bin/env bash
# Builds the example site and both fixture sites, in the variants the tests use, with the cvsite
# binary BIN into OUT/<name>/. Refactors compare two snapshots with `diff -r`:
#   tests/tools/snapshot-sites.sh ./before-bin /tmp/before
#   cargo build --release && tests/tools/snapshot-sites.sh target/release/cvsite /tmp/after
#   diff -r /tmp/before /tmp/after
set -euo pipefail
bin=$(realpath "$1")
out=$(realpath -m "$2")
cd "$(dirname "$0")/../.."
rm -rf "$out"
mkdir -p "$out"
site() { # name root [build options...]
  local name=$1 root=$2
  shift 2
  "$bin" build -q --root "$root" --output "$out/$name" "$@"
  # The marker file is the same in every build; keep the trees comparable as they are.
}
site example .
site example-project . --base-url https://someone.github.io/project/
site full tests/fixtures/full
site full-drafts tests/fixtures/full --drafts
site full-project tests/fixtures/full --drafts --base-url https://someone.github.io/project
site bibtex tests/fixtures/bibtex
echo "snapshots in $out: $(find "$out" -type f | wc -l) files"
