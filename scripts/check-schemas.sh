#!/usr/bin/env bash
# Compiles schemas/provider.schema.json and every schemas/compat-<api>.schema.json with Ajv 8 in
# strict mode plus ajv-formats, the way editors and JavaScript tooling read them, and
# optionally says which documents they accept (so tests can compare the loader with ECMA-262
# regular expressions). ajv@8 and ajv-formats@3 come from the npm registry, installed once into
# ${PROVIDERS_ENGINE_CACHE:-~/.cache/providers-engine}/ajv8-formats3.
#
# Usage: scripts/check-schemas.sh [--probe FILE]
#   --probe FILE   FILE holds a JSON array of provider documents; prints a JSON array with
#                  true or false for each (valid under provider.schema.json, with each
#                  compat valid under the compat schema of its api, or not)
# Exit status: 0 the schemas compile, 1 they do not, 2 node or npm is missing or failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${PROVIDERS_ENGINE_CACHE:-$HOME/.cache/providers-engine}/ajv8-formats3"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "check-schemas: $tool is needed (Debian: apt-get install npm)" >&2
    exit 2
  fi
done

if [[ ! -f $cache/node_modules/ajv/package.json \
    || ! -f $cache/node_modules/ajv-formats/package.json ]]; then
  rm -rf "$cache" # an interrupted install
  mkdir -p "$(dirname "$cache")"
  staging="$(mktemp -d "$cache.tmp.XXXXXX")"
  trap 'rm -rf "$staging"' EXIT
  echo "check-schemas: installing ajv@8 and ajv-formats@3 into $cache (once)" >&2
  if ! npm install --prefix "$staging" --no-audit --no-fund --no-save --loglevel=error \
      ajv@8 ajv-formats@3 >&2; then
    echo "check-schemas: npm install failed" >&2
    exit 2
  fi
  # a concurrent run may have landed first; either copy is complete
  mv -T "$staging" "$cache" 2>/dev/null || true
fi

exec node "$root/scripts/check-schemas.cjs" "$cache" "$root/schemas" "$@"
