#!/usr/bin/env bash
# Writes how every development question is judged (examples/judge.rs) to DIR/SET.jsonl, for
# calibrating the coverage rule on several forums at once. The held-out set is not included.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED_DIR:-../shared}"
out="${1:-target/judged}"
mkdir -p "$out"
cargo build --release --quiet --example judge
judge=target/release/examples/judge
$judge "$shared/eval/dev-questions.jsonl" > "$out/dev.jsonl"
$judge tests/data/more-questions.jsonl > "$out/more.jsonl"
$judge tests/data/seed-hard-questions.jsonl > "$out/seed-hard.jsonl"
$judge tests/data/unseen-a/questions.jsonl tests/data/unseen-a/pack > "$out/unseen-a.jsonl"
for forum in tw-report cn-transcript cn-report-qa tw-transcript; do
  $judge "tests/data/forums/$forum/questions.jsonl" "tests/data/forums/$forum/pack" > "$out/$forum.jsonl"
done
echo "written to $out"
