#!/usr/bin/env bash
# Run the cargo-fuzz targets of fuzz/ for a bounded time each and report executions
# and findings (docs/FUZZING.md).
#
#   scripts/fuzz.sh                      every target, FUZZ_SECONDS (default 60) each
#   scripts/fuzz.sh json scope           only these targets
#   scripts/fuzz.sh --record             also write the results into docs/FUZZING.md
#
# Each target runs on fuzz/corpus/<target>, which starts as a copy of
# fuzz/seeds/<target> and keeps what libFuzzer adds (git-ignored). Crashes, OOMs and
# timeouts land in fuzz/artifacts/<target>/; full logs in fuzz/target/fuzz-logs/.
# Exit status: 0 no findings, 1 a target found something, 2 usage or build error.
# Needs the nightly toolchain; installs cargo-fuzz from crates.io when missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALL_TARGETS=(pattern scope json import request scopetags health decode tenant)
SECONDS_PER="${FUZZ_SECONDS:-60}"
MAX_LEN=65536
RSS_MB=2048
# Each target panics when an input overruns its time budget (fuzz_targets/budget.rs,
# w365_engine::cost: 1 s + 20 µs a byte, 2.3 s at MAX_LEN); libFuzzer's own
# per-input timeout catches an input that never returns.
TIMEOUT_S=30

die() { echo "fuzz.sh: $*" >&2; exit 2; }

record=0
targets=()
for arg in "$@"; do
  case "$arg" in
    --record) record=1 ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $arg (see --help)" ;;
    *)
      [[ " ${ALL_TARGETS[*]} " == *" $arg "* ]] || die "unknown target $arg (targets: ${ALL_TARGETS[*]})"
      targets+=("$arg")
      ;;
  esac
done
[ "${#targets[@]}" -gt 0 ] || targets=("${ALL_TARGETS[@]}")
[[ "$SECONDS_PER" =~ ^[1-9][0-9]*$ ]] || die "FUZZ_SECONDS must be a positive whole number of seconds, not '$SECONDS_PER'"

rustc +nightly --version >/dev/null 2>&1 || die "the nightly toolchain is missing (rustup toolchain install nightly)"
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz.sh: installing cargo-fuzz from crates.io"
  cargo install cargo-fuzz --locked
fi

cd "$ROOT/fuzz"
logs="target/fuzz-logs"
mkdir -p "$logs"

# One build of every target up front, so build failures are not mistaken for findings
# and the timed runs do not include compilation.
echo "fuzz.sh: building the fuzz targets (cargo +nightly fuzz build)"
cargo +nightly fuzz build >"$logs/build.log" 2>&1 || {
  tail -n 40 "$logs/build.log" >&2
  die "build failed (full log: fuzz/$logs/build.log)"
}

# A table cell: one line, no pipes, repository-relative paths, bounded length.
cell() { tr '\n|`' " /'" | sed -e "s#$ROOT/##g" -e 's/  */ /g' -e 's/^ //; s/ $//' | cut -c1-220; }

rows=()
failed=0
for t in "${targets[@]}"; do
  corpus="corpus/$t"
  artifacts="artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  for f in seeds/"$t"/*; do
    [ -e "$corpus/$(basename "$f")" ] || cp "$f" "$corpus/"
  done
  before="$(ls -1 "$artifacts")"
  log="$logs/$t.log"
  echo "fuzz.sh: $t for ${SECONDS_PER}s ($(ls -1 "$corpus" | wc -l) corpus inputs)"
  # libFuzzer stops itself after max_total_time; the outer timeout only bounds a
  # single pathological input (SIGINT makes libFuzzer print its final stats).
  set +e
  timeout -s INT -k 30 "$((SECONDS_PER + 300))" \
    cargo +nightly fuzz run "$t" "$corpus" -- \
    -max_total_time="$SECONDS_PER" -max_len="$MAX_LEN" -rss_limit_mb="$RSS_MB" -timeout="$TIMEOUT_S" \
    -print_final_stats=1 >"$log" 2>&1
  status=$?
  set -e

  # libFuzzer's final status line: `#N  DONE  cov: ... exec/s: R rss: ...`; after a
  # crash there is none, and the -print_final_stats figures stand in.
  final="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)"
  if [ -n "$final" ]; then
    runs="$(sed -E 's/^#([0-9]+).*/\1/' <<<"$final")"
    speed="$(grep -oE 'exec/s: [0-9]+' <<<"$final" | grep -oE '[0-9]+' || true)"
    cov="$(grep -oE 'cov: [0-9]+' <<<"$final" | grep -oE '[0-9]+' || true)"
  else
    runs="$(grep -E '^stat::number_of_executed_units:' "$log" | grep -oE '[0-9]+$' | tail -n 1 || true)"
    speed="$(grep -E '^stat::average_exec_per_sec:' "$log" | grep -oE '[0-9]+$' | tail -n 1 || true)"
    cov="$(grep -oE '^#[0-9]+.*cov: [0-9]+' "$log" | tail -n 1 | grep -oE 'cov: [0-9]+' | grep -oE '[0-9]+' || true)"
  fi

  new="$(comm -13 <(printf '%s\n' "$before" | sort) <(ls -1 "$artifacts" | sort) | grep -E '^(crash|oom|timeout|leak)-' || true)"
  if [ -n "$new" ] || { [ "$status" -ne 0 ] && [ "$status" -ne 124 ]; }; then
    failed=1
    kind="$(printf '%s' "$new" | sed -E 's/-.*//' | sort -u | paste -sd / -)"
    msg="$(grep -m1 -A1 -E 'panicked at' "$log" | sed -n 2p || true)"
    [ -n "$msg" ] || msg="$(grep -m1 -E '^SUMMARY: ' "$log" || true)"
    [ -n "$msg" ] || msg="$(grep -m1 -E 'ERROR: ' "$log" || true)"
    [ -n "$msg" ] || msg="cargo fuzz exited with status $status"
    files="$(printf '%s' "$new" | sed "s#^#fuzz/$artifacts/#" | paste -sd ' ' -)"
    finding="$(printf '%s' "${kind:-failure}: $msg${files:+ ($files)}" | cell)"
  else
    finding="none"
    [ "$status" -eq 124 ] && finding="none (stopped by the outer time limit)"
  fi
  echo "fuzz.sh: $t: ${runs:-?} executions, ${speed:-?} exec/s, cov ${cov:-?}, findings: $finding (log: fuzz/$log)"
  rows+=("| $t | $SECONDS_PER | ${runs:-?} | ${speed:-?} | $finding |")
done

table="| target | seconds | executions | exec/s | findings |
|---|---:|---:|---:|---|
$(printf '%s\n' "${rows[@]}")"
echo
echo "$table"

if [ "$record" -eq 1 ]; then
  doc="$ROOT/docs/FUZZING.md"
  cmd="FUZZ_SECONDS=$SECONDS_PER scripts/fuzz.sh --record"
  [ "$#" -gt 0 ] && [ "${targets[*]}" != "${ALL_TARGETS[*]}" ] && cmd="$cmd ${targets[*]}"
  section="$(mktemp)"
  {
    echo "<!-- fuzz-results:start (written by scripts/fuzz.sh --record) -->"
    echo "Latest bounded run, $(date -u '+%Y-%m-%d %H:%M UTC'): \`$cmd\`"
    echo "with $(rustc +nightly --version), $(cargo fuzz --version), $(nproc) cores,"
    echo "AddressSanitizer (the cargo-fuzz default), \`-max_len=$MAX_LEN -rss_limit_mb=$RSS_MB -timeout=$TIMEOUT_S\`,"
    echo "and a time budget per input (\`w365_engine::cost\`)."
    echo
    echo "$table"
    echo "<!-- fuzz-results:end -->"
  } >"$section"
  if [ -f "$doc" ] && grep -q '^<!-- fuzz-results:start' "$doc" && grep -q '^<!-- fuzz-results:end' "$doc"; then
    awk -v section="$section" '
      /^<!-- fuzz-results:start/ { while ((getline line < section) > 0) print line; skip = 1; next }
      /^<!-- fuzz-results:end/ { skip = 0; next }
      !skip { print }
    ' "$doc" >"$doc.tmp" && mv "$doc.tmp" "$doc"
  else
    { [ -f "$doc" ] && cat "$doc" && echo; echo "## Latest run"; echo; cat "$section"; } >"$doc.tmp"
    mv "$doc.tmp" "$doc"
  fi
  rm -f "$section"
  echo "fuzz.sh: recorded in docs/FUZZING.md"
fi
exit "$failed"
