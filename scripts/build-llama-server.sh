#!/usr/bin/env bash
# Builds llama.cpp's llama-server from the llama.cpp source bundled in the npm package
# node-llama-cpp, once per machine, and prints the path of the cached binary on stdout.
#
#   scripts/build-llama-server.sh            # prints e.g. ~/.cache/providers-engine/llama-server/
#                                            #   nlc-3.22.1-linux-x64/llama-server
#
# Environment:
#   NLC_VERSION          node-llama-cpp version to take the source from (default 3.22.1; newer
#                        versions carry a newer llama.cpp whose output may differ)
#   PROVIDERS_CACHE_DIR  cache root (default ~/.cache/providers-engine); the binary goes to
#                        $PROVIDERS_CACHE_DIR/llama-server/nlc-<version>-<os>-<arch>/llama-server
#   LLAMA_BUILD_JOBS     parallel compile jobs (default: number of CPUs)
#
# Only the binary path goes to stdout; progress and errors go to stderr. The build runs in a
# scratch directory next to the cache entry and the binary is moved into place only once it
# runs, so an interrupted build never leaves a binary that looks valid. Concurrent runs are
# serialised with flock. The binary is built with -march=native (GGML's default): build it on
# the machine that runs it. The cache path logic is mirrored in
# peer/src/main/java/dev/providers/peer/BinaryLocator.java: change both together.
set -euo pipefail

NLC_VERSION="${NLC_VERSION:-3.22.1}"
CACHE_ROOT="${PROVIDERS_CACHE_DIR:-${HOME:?HOME is not set}/.cache/providers-engine}"

log() { printf 'build-llama-server: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Node-style names, so the cache key reads the same as the npm prebuilt packages' names.
os_name() {
  case "$(uname -s)" in
    Linux) echo linux ;;
    Darwin) echo darwin ;;
    *) uname -s | tr '[:upper:]' '[:lower:]' ;;
  esac
}
arch_name() {
  case "$(uname -m)" in
    x86_64 | amd64) echo x64 ;;
    aarch64 | arm64) echo arm64 ;;
    *) uname -m ;;
  esac
}

CACHE_DIR="$CACHE_ROOT/llama-server/nlc-${NLC_VERSION}-$(os_name)-$(arch_name)"
BIN="$CACHE_DIR/llama-server"

# A binary that exists was moved into place only after it ran, but it may have been copied in
# from a machine whose CPU lacks the instructions it was built for; --version catches that.
usable() { [ -f "$1" ] && [ -x "$1" ] && "$1" --version >/dev/null 2>&1; }

if usable "$BIN"; then
  echo "$BIN"
  exit 0
fi

missing=()
for tool in npm git cmake tar flock; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
command -v ninja >/dev/null 2>&1 || command -v make >/dev/null 2>&1 || missing+=("make or ninja")
if [ -n "${CXX:-}" ]; then
  command -v "${CXX%% *}" >/dev/null 2>&1 || missing+=("C++ compiler \$CXX=$CXX")
elif ! command -v c++ >/dev/null 2>&1 && ! command -v g++ >/dev/null 2>&1 \
  && ! command -v clang++ >/dev/null 2>&1; then
  missing+=("a C++ compiler (c++, g++ or clang++)")
fi
if [ -n "${CC:-}" ]; then
  command -v "${CC%% *}" >/dev/null 2>&1 || missing+=("C compiler \$CC=$CC")
elif ! command -v cc >/dev/null 2>&1 && ! command -v gcc >/dev/null 2>&1 \
  && ! command -v clang >/dev/null 2>&1; then
  missing+=("a C compiler (cc, gcc or clang)")
fi
if [ "${#missing[@]}" -gt 0 ]; then
  for tool in "${missing[@]}"; do log "missing tool: $tool"; done
  die "cannot build llama-server; install the missing tools" \
    "(Debian: apt-get install npm git cmake make g++)"
fi

mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/.lock"
if ! flock -n 9; then
  log "another process is building llama-server; waiting for it ($CACHE_DIR/.lock)"
  # long enough for a full build on a slow machine
  flock -w 3600 9 || die "timed out waiting for the lock $CACHE_DIR/.lock"
fi
if usable "$BIN"; then
  log "another process finished the build meanwhile"
  echo "$BIN"
  exit 0
fi

# With the lock held no other build is running, so leftovers are from interrupted builds.
rm -rf "$CACHE_DIR"/build.* "$CACHE_DIR"/llama-server.tmp.*
rm -f "$BIN"
WORK="$(mktemp -d "$CACHE_DIR/build.XXXXXX")"
BUILD_LOG="$CACHE_DIR/build.log"
trap 'rm -rf "$WORK"' EXIT
: >"$BUILD_LOG"

# Runs a step with its output in the build log, and shows the log's tail if the step fails.
step() {
  local what="$1"
  shift
  log "$what"
  if ! "$@" >>"$BUILD_LOG" 2>&1; then
    tail -n 40 "$BUILD_LOG" >&2 || true
    die "$what failed; full output in $BUILD_LOG"
  fi
}

started=$SECONDS
cd "$WORK"
step "downloading node-llama-cpp@${NLC_VERSION} from the npm registry" \
  npm pack --silent "node-llama-cpp@${NLC_VERSION}"
step "extracting the bundled llama.cpp source" \
  tar xzf "node-llama-cpp-${NLC_VERSION}.tgz" \
  package/llama/gitRelease.bundle package/llama/llama.cpp.info.json
rm -f "node-llama-cpp-${NLC_VERSION}.tgz"
step "cloning the llama.cpp git bundle" \
  git -c advice.detachedHead=false clone -q package/llama/gitRelease.bundle llama.cpp

generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
# The prebuilt web UI would be downloaded; tests, examples, OpenSSL and shared libraries are not
# needed and only cost time or add runtime dependencies.
step "configuring with cmake" \
  cmake -S llama.cpp -B llama.cpp/build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
  -DLLAMA_OPENSSL=OFF -DLLAMA_CURL=OFF -DBUILD_SHARED_LIBS=OFF -DGGML_CCACHE=OFF
jobs="${LLAMA_BUILD_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}"
step "compiling llama-server with $jobs jobs (about 5 minutes on 2 cores)" \
  cmake --build llama.cpp/build --target llama-server -j"$jobs"

built="$WORK/llama.cpp/build/bin/llama-server"
[ -x "$built" ] || die "the build produced no $built; see $BUILD_LOG"
usable "$built" || die "the built $built does not run; see $BUILD_LOG"

# Same-directory copy then rename: the final name appears only with complete content.
tmp="$CACHE_DIR/llama-server.tmp.$$"
cp "$built" "$tmp"
cp package/llama/llama.cpp.info.json "$CACHE_DIR/llama.cpp.info.json"
mv -f "$tmp" "$BIN"
cd "$CACHE_DIR"
rm -rf "$WORK" "$BUILD_LOG"
log "built in $((SECONDS - started)) s: $BIN"
echo "$BIN"
