#!/usr/bin/env bash
# Run every cargo-fuzz target for a bounded time and report executions and findings.
#   scripts/fuzz.sh            FUZZ_SECONDS (default 60) per target
#   scripts/fuzz.sh --record   also write the table to docs/FUZZING.md
# Needs the nightly toolchain (installed) and cargo-fuzz (installed when missing).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_PER="${FUZZ_SECONDS:-60}"
TARGETS=(pattern scope json import request)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
cd "$ROOT/fuzz"
rows=()
failed=0
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t"
  cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
  log="$(mktemp)"
  set +e
  cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$SECONDS_PER" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e
  runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  speed=$(grep -oE '^stat::average_exec_per_sec: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  if [ "$status" -ne 0 ]; then
    failed=1
    finding="CRASH: $(grep -m1 -E 'panicked at|ERROR: libFuzzer' "$log" | head -c 200) (artifacts in fuzz/artifacts/$t)"
  else
    finding="none"
  fi
  rows+=("| $t | $SECONDS_PER | ${runs:-?} | ${speed:-?} | $finding |")
  echo "fuzz $t: ${runs:-?} executions, ${speed:-?}/s, findings: $finding"
  rm -f "$log"
done
table="| target | seconds | executions | exec/s | findings |
|---|---:|---:|---:|---|
$(printf '%s\n' "${rows[@]}")"
echo
echo "$table"
if [ "${1:-}" = "--record" ]; then
  cat > "$ROOT/docs/FUZZING.md" <<MD
# Fuzzing

Targets in \`fuzz/fuzz_targets/\` (cargo-fuzz, libFuzzer) cover every parser and
importer of the engine; each asserts no panic, and some check invariants (a
pattern without \`*\` matches itself, a scope covers itself, what the exporters
write the importers read back). Seeds are in \`fuzz/seeds/\`.

Latest bounded run: \`FUZZ_SECONDS=$SECONDS_PER scripts/fuzz.sh --record\` on $(date -u +%Y-%m-%d),
$(rustc +nightly --version).

$table
MD
fi
exit $failed
