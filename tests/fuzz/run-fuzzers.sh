#!/bin/bash
# Builds the libFuzzer targets of tests/fuzz/ with clang
# (-fsanitize=fuzzer,address,undefined, the engine sources compiled with
# the same sanitizers) in a temporary folder, replays the saved crash
# inputs of tests/fuzz/crashes/, then runs every target for a bounded
# time on its seed corpus.  Prints TAP.
#
# Environment:
#   NFL_FUZZ_TIME       seconds per target (default 20)
#   NFL_FUZZ_ARTIFACTS  where crashing inputs found now are copied
#                       (default: ./fuzz-artifacts)
#   NFL_FUZZ_KEEP=1     keep the temporary folder (binaries, corpora)
#   CLANG               the compiler (default: clang, then clang-14)
#
# Run by hand:  tests/fuzz/run-fuzzers.sh
# or via meson: meson test -C BUILD --suite fuzz
set -uo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
srcroot="$(cd "$here/../.." && pwd)"
time_per_target="${NFL_FUZZ_TIME:-20}"
artifacts="${NFL_FUZZ_ARTIFACTS:-$PWD/fuzz-artifacts}"
targets=(commands iptables-restore scenario-xml)
declare -A corpus=([commands]=corpus-commands [iptables-restore]=corpus-restore
                   [scenario-xml]=corpus-scenario-xml)

skip () {
  echo "1..0 # SKIP $*"
  exit 0
}

clang="${CLANG:-}"
if [ -z "$clang" ]; then
  for c in clang clang-14; do
    if command -v "$c" >/dev/null 2>&1; then clang="$c"; break; fi
  done
fi
[ -n "$clang" ] || skip "clang with libFuzzer not available"
command -v pkg-config >/dev/null 2>&1 || skip "pkg-config not available"
deps_flags="$(pkg-config --cflags --libs glib-2.0 gobject-2.0 gio-2.0 libxml-2.0 2>/dev/null)" \
  || skip "the GLib/libxml2 development files are not available"

work="$(mktemp -d "${TMPDIR:-/tmp}/nfl-fuzz.XXXXXX")"
cleanup () {
  if [ "${NFL_FUZZ_KEEP:-0}" = 1 ]; then
    echo "# kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

# Can this clang link a fuzzer at all (libclang-rt-*-dev installed)?
cat >"$work/probe.c" <<'EOF'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput (const uint8_t *d, size_t n) { return 0; }
EOF
if ! "$clang" -fsanitize=fuzzer,address,undefined "$work/probe.c" -o "$work/probe" >"$work/probe.log" 2>&1; then
  skip "clang with libFuzzer not available ($(head -n 1 "$work/probe.log"))"
fi

# The few defines config.h has (see the top-level meson.build)
version="$(sed -n "s/^ *version: *'\([^']*\)'.*/\1/p" "$srcroot/meson.build" | head -n 1)"
cat >"$work/config.h" <<EOF
#pragma once
#define PACKAGE_VERSION "${version:-0}"
#define GETTEXT_PACKAGE "netfilter-lab"
#define APPLICATION_ID "io.github.netfilterlab.NetfilterLab"
#define LOCALEDIR "/usr/local/share/locale"
#define PKGDATADIR "/usr/local/share/netfilter-lab"
EOF

common_flags=(-std=gnu11 -g -O1 -fno-omit-frame-pointer
              -fno-sanitize-recover=undefined
              -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74
              -I "$work" -I "$srcroot/src/engine" -w)
# shellcheck disable=SC2206
glib_flags=($deps_flags)

# The engine: compiled once, instrumented for coverage and the sanitizers.
mkdir -p "$work/obj"
build_failed=0
pids=()
# The engine's GResource (the scenario schema), as src/engine/meson.build
# makes it.
command -v glib-compile-resources >/dev/null 2>&1 || skip "glib-compile-resources not available"
if ! glib-compile-resources --generate-source --c-name nfl_engine \
       --sourcedir "$srcroot/data" --target "$work/nfl-engine-resources.c" \
       "$srcroot/src/engine/nfl-engine.gresource.xml" 2>>"$work/build.log"; then
  build_failed=1
fi
for src in "$srcroot"/src/engine/*.c "$work/nfl-engine-resources.c"; do
  obj="$work/obj/$(basename "${src%.c}").o"
  "$clang" "${common_flags[@]}" -fsanitize=fuzzer-no-link,address,undefined \
    -DG_LOG_DOMAIN='"NflEngine"' $(pkg-config --cflags glib-2.0 gobject-2.0 gio-2.0 libxml-2.0) \
    -c "$src" -o "$obj" 2>>"$work/build.log" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$(nproc 2>/dev/null || echo 2)" ]; then
    wait "${pids[0]}" || build_failed=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || build_failed=1; done

n=0
plan=$(( ${#targets[@]} ))
shopt -s nullglob
crash_inputs=("$here"/crashes/*)
shopt -u nullglob
for target in "${targets[@]}"; do
  for f in "${crash_inputs[@]}"; do
    case "$(basename "$f")" in "$target"-*) plan=$((plan + 1)) ;; esac
  done
done
echo "1..$plan"

if [ $build_failed -ne 0 ]; then
  sed 's/^/# /' "$work/build.log"
  for target in "${targets[@]}"; do
    n=$((n + 1)); echo "not ok $n - fuzz-$target: the engine did not build with $clang"
  done
  exit 1
fi

failed=0
for target in "${targets[@]}"; do
  exe="$work/fuzz-$target"
  if ! "$clang" "${common_flags[@]}" -fsanitize=fuzzer,address,undefined \
         "$here/fuzz-$target.c" "$work"/obj/*.o "${glib_flags[@]}" -lm \
         -o "$exe" >>"$work/build.log" 2>&1; then
    sed 's/^/# /' "$work/build.log"
    n=$((n + 1)); echo "not ok $n - fuzz-$target: does not build"
    failed=1
    continue
  fi

  # Regression inputs: each saved crash of this target, run once.
  for f in "${crash_inputs[@]}"; do
    case "$(basename "$f")" in "$target"-*) ;; *) continue ;; esac
    n=$((n + 1))
    if "$exe" -runs=1 "$f" >"$work/replay.log" 2>&1; then
      echo "ok $n - fuzz-$target: crashes/$(basename "$f") no longer crashes (remove it)"
    else
      echo "not ok $n - fuzz-$target: crashes/$(basename "$f") still crashes"
      grep -E 'ERROR: |runtime error|SUMMARY|^#[0-9]+ .* in ' "$work/replay.log" | head -n 12 | sed 's/^/# /'
      failed=1
    fi
  done

  # The seed corpus is read from the source tree; what the fuzzer finds
  # goes to a scratch corpus only.
  mkdir -p "$work/corpus-$target" "$work/artifacts"
  n=$((n + 1))
  log="$work/fuzz-$target.log"
  "$exe" -max_total_time="$time_per_target" -timeout=10 -rss_limit_mb=2048 \
         -max_len=8192 -print_final_stats=1 \
         -artifact_prefix="$work/artifacts/$target-" \
         "$work/corpus-$target" "$here/${corpus[$target]}" >"$log" 2>&1
  status=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  if [ $status -eq 0 ]; then
    echo "ok $n - fuzz-$target: ${runs:-?} runs, no crash"
  else
    echo "not ok $n - fuzz-$target: ${runs:-?} runs, exit status $status"
    grep -E 'ERROR: |runtime error|SUMMARY|^#[0-9]+ .* in |Test unit written' "$log" | head -n 20 | sed 's/^/# /'
    mkdir -p "$artifacts"
    for a in "$work"/artifacts/"$target"-*; do
      [ -e "$a" ] || continue
      cp "$a" "$artifacts/" && echo "# input saved as $artifacts/$(basename "$a")"
    done
    failed=1
  fi
done
exit $failed
