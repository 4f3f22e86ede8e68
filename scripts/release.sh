#!/usr/bin/env bash
# Builds the release binary for copying onto a CI image or a clinic's server:
# x86_64 Linux, statically linked (no glibc version to match), stripped, with
# the whole program optimised as one unit (the `release-lto` profile). Writes
# dist/handout-VERSION-x86_64-unknown-linux-gnu and a .sha256 file beside it,
# and prints the size and the SHA-256. Takes minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-unknown-linux-gnu
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
name="handout-$version-$target"

# With --target, RUSTFLAGS reach only the code built for the target, never the
# build scripts and macros, which must stay dynamic.
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" \
  cargo build --locked --profile release-lto --target "$target"

bin="${CARGO_TARGET_DIR:-target}/$target/release-lto/handout"
if ldd "$bin" >/dev/null 2>&1 && ! ldd "$bin" 2>&1 | grep -q "statically linked"; then
  echo "error: $bin is linked dynamically" >&2
  exit 1
fi
"$bin" --version >/dev/null

mkdir -p dist
cp "$bin" "dist/$name"
(cd dist && sha256sum "$name" > "$name.sha256")
echo "dist/$name: $(stat -c %s "dist/$name") bytes"
echo "sha256: $(cut -d ' ' -f 1 "dist/$name.sha256")"
