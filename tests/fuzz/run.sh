#!/usr/bin/env bash
# Runs every decoder fuzzer for SECONDS each on the seed corpus (new inputs go to a scratch folder,
# the repository's corpus is only read). A crash, a leak, a sanitizer report or a failed round
# trip stops it with the input saved under build/fuzz/artifacts/.
#   bash tests/fuzz/run.sh [BUILD_DIR=build/fuzz] [SECONDS=3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
build="${1:-build/fuzz}"
seconds="${2:-3}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$build/artifacts"
for decoder in command event ticket settings directory error; do
  mkdir -p "$scratch/$decoder"
  "$build/tests/fuzz/baton_fuzz_$decoder" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$build/artifacts/$decoder-" -print_final_stats=0 \
    "$scratch/$decoder" "tests/fuzz/corpus/$decoder" 2>"$scratch/$decoder.log" || {
      tail -n 40 "$scratch/$decoder.log" >&2
      echo "fuzz: baton_fuzz_$decoder failed (input saved in $build/artifacts/)" >&2
      exit 1
    }
  echo "fuzz: $decoder ok: $(grep -o 'Done [0-9]* runs' "$scratch/$decoder.log" | tail -n 1 || echo 'done')"
done
