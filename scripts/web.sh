#!/usr/bin/env bash
# Builds the in-browser checker into a folder (default target/web): the
# library compiled to WebAssembly, wasm-bindgen's glue, and the static page
# from web/page/. Serve the folder from any static host, or open its
# index.html straight from disk.
#
# Needs: rustup target add wasm32-unknown-unknown
#        cargo install wasm-bindgen-cli --version 0.2.130  (the crate's version, exactly)
#        wasm-opt from binaryen 116 or later, optional (see below)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/web}

version=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' web/Cargo.toml)
if ! command -v wasm-bindgen >/dev/null 2>&1; then
  echo "web.sh: wasm-bindgen not found; run: cargo install wasm-bindgen-cli --version $version" >&2
  exit 2
fi
have=$(wasm-bindgen --version | awk '{print $2}')
if [ "$have" != "$version" ]; then
  echo "web.sh: wasm-bindgen $have found, the crate needs $version; run: cargo install wasm-bindgen-cli --version $version" >&2
  exit 2
fi

cargo build --locked --profile web --target wasm32-unknown-unknown -p provenance-web
wasm=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/web/provenance_web.wasm

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
wasm-bindgen --target no-modules --no-typescript --remove-name-section \
  --remove-producers-section --out-dir "$work" "$wasm"
# wasm-opt shrinks the module by a tenth. Binaryen 116 or later: older ones
# (Debian's 108) break wasm-bindgen's externref table. WASM_OPT names one,
# e.g. node_modules/binaryen/bin/wasm-opt from the npm package `binaryen`.
opt=${WASM_OPT:-$(command -v wasm-opt || true)}
opt_version=$({ [ -n "$opt" ] && "$opt" --version 2>/dev/null; } | sed -n 's/^wasm-opt version \([0-9]*\).*/\1/p' || true)
if [ -n "$opt_version" ] && [ "$opt_version" -ge 116 ]; then
  # The features rustc enables for wasm32 by default.
  "$opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types \
    --enable-multivalue "$work/provenance_web_bg.wasm" -o "$work/opt.wasm"
  mv "$work/opt.wasm" "$work/provenance_web_bg.wasm"
else
  echo "web.sh: no wasm-opt 116 or later (set WASM_OPT, or npm install binaryen); the .wasm is left unoptimised" >&2
fi

rm -rf "$out"
mkdir -p "$out"
cp web/page/index.html web/page/page.js web/page/page.css "$out/"
cp "$work/provenance_web.js" "$work/provenance_web_bg.wasm" "$out/"
# The engine's bytes as a classic script: a page opened from file:// may
# not fetch the .wasm beside it, but it may run a script.
{
  printf '// The provenance engine (provenance_web_bg.wasm), base64: written by scripts/web.sh.\n'
  printf 'var PROVENANCE_WASM = "'
  base64 -w0 "$out/provenance_web_bg.wasm"
  printf '";\n'
} >"$out/provenance-wasm.js"

size=$(stat -c %s "$out/provenance_web_bg.wasm")
echo "web.sh: wrote $out/index.html; provenance_web_bg.wasm is $size bytes"
