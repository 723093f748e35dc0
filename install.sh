#!/bin/sh
# Installs the cvsite binary from a GitHub Release, its SHA-256 checksum verified:
#   curl -fsSL https://github.com/cvsite/cvsite/releases/latest/download/install.sh | sh
# CVSITE_VERSION=0.2.0 picks a version (default: the latest); CVSITE_INSTALL_DIR a folder
# (default: ~/.local/bin); CVSITE_DOWNLOAD_URL a mirror of the Release's files.
# The names are the release workflow's (.github/workflows/release.yml): cvsite-TARGET.tar.gz and
# its checksum file cvsite-TARGET.sha256 ("<sha256>  cvsite-TARGET.tar.gz").
set -eu

repo="${CVSITE_REPO:-cvsite/cvsite}"
dir="${CVSITE_INSTALL_DIR:-$HOME/.local/bin}"
version="${CVSITE_VERSION:-}"
version="${version#v}"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-musl ;;
  Darwin-x86_64) target=x86_64-apple-darwin ;;
  Darwin-arm64) target=aarch64-apple-darwin ;;
  *) echo "cvsite: no release binary for $(uname -s) $(uname -m); try: pip install cvsite" >&2; exit 1 ;;
esac

if [ -n "${CVSITE_DOWNLOAD_URL:-}" ]; then
  base="$CVSITE_DOWNLOAD_URL"
elif [ -n "$version" ]; then
  base="https://github.com/$repo/releases/download/v$version"
else
  base="https://github.com/$repo/releases/latest/download"
fi
archive="cvsite-$target.tar.gz"
sums="cvsite-$target.sha256"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fetch() {
  if command -v curl >/dev/null 2>&1; then curl -fsSL "$1" -o "$2"; else wget -q "$1" -O "$2"; fi
}
fetch "$base/$archive" "$tmp/$archive"
fetch "$base/$sums" "$tmp/$sums"

expected="$(grep -F "$archive" "$tmp/$sums" | cut -d' ' -f1)"
if command -v sha256sum >/dev/null 2>&1; then
  actual="$(sha256sum "$tmp/$archive" | cut -d' ' -f1)"
else
  actual="$(shasum -a 256 "$tmp/$archive" | cut -d' ' -f1)"
fi
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
  echo "cvsite: checksum mismatch for $archive (expected $expected, got $actual): not installed" >&2
  exit 1
fi

tar -xzf "$tmp/$archive" -C "$tmp"
mkdir -p "$dir"
install -m 755 "$(find "$tmp" -type f -name cvsite | head -1)" "$dir/cvsite"
echo "cvsite installed in $dir/cvsite"
case ":$PATH:" in *":$dir:"*) ;; *) echo "Add $dir to your PATH to run it as \`cvsite\`." ;; esac
