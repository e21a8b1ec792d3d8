#!/usr/bin/env bash
# Scores the release binary on every question set with the shared scorer, one line a set.
# Usage: tools/score-all.sh [--show-misses SET]; SHARED_DIR defaults to ../shared; HOLDOUT=1
# adds the held-out sets, DRAFTED=1 the forums' packs as `verbatim ingest` drafts them.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED_DIR:-../shared}"
bin=target/release/verbatim
show="${2:-}"
score() { # name questions [pack]
  local name=$1 questions=$2 pack=${3:-}
  local args=(); [ -n "$pack" ] && args=(--knowledge "$pack")
  local extra=(); [ "$show" = "$name" ] && extra=(--show-misses)
  printf '%-21s ' "$name"
  python3 "$shared/eval/score.py" "$questions" "${extra[@]}" -- "$bin" "${args[@]}" ask --json \
    | if [ "$show" = "$name" ]; then cat; else tail -1; fi
}
score dev "$shared/eval/dev-questions.jsonl"
score more tests/data/more-questions.jsonl
score seed-hard tests/data/seed-hard-questions.jsonl
score unseen-a tests/data/unseen-a/questions.jsonl tests/data/unseen-a/pack
score tw-report tests/data/forums/tw-report/questions.jsonl tests/data/forums/tw-report/pack
score cn-transcript tests/data/forums/cn-transcript/questions.jsonl tests/data/forums/cn-transcript/pack
score cn-report-qa tests/data/forums/cn-report-qa/questions.jsonl tests/data/forums/cn-report-qa/pack
score tw-transcript tests/data/forums/tw-transcript/questions.jsonl tests/data/forums/tw-transcript/pack
score cn-games-report tests/data/forums/cn-games-report/questions.jsonl tests/data/forums/cn-games-report/pack
score tw-hotel-transcript tests/data/forums/tw-hotel-transcript/questions.jsonl tests/data/forums/tw-hotel-transcript/pack
# With DRAFTED=1, each forum text is also drafted afresh by `verbatim ingest` (no review, no
# hand aliases, topics or attribution) and scored as NAME-drafted: the pack a maintainer
# starts from when adding a text.
if [ "${DRAFTED:-0}" = 1 ]; then
  drafts=$(mktemp -d)
  trap 'rm -rf "$drafts"' EXIT
  "$bin" ingest knowledge/baai-2024/*.txt --out "$drafts/seed" > /dev/null 2>&1
  score dev-drafted "$shared/eval/dev-questions.jsonl" "$drafts/seed"
  score more-drafted tests/data/more-questions.jsonl "$drafts/seed"
  score seed-hard-drafted tests/data/seed-hard-questions.jsonl "$drafts/seed"
  for forum in unseen-a forums/tw-report forums/cn-transcript forums/cn-report-qa forums/tw-transcript \
    forums/cn-games-report forums/tw-hotel-transcript; do
    name=$(basename "$forum")
    "$bin" ingest "tests/data/$forum/source.txt" --out "$drafts/$name" > /dev/null 2>&1
    score "$name-drafted" "tests/data/$forum/questions.jsonl" "$drafts/$name"
  done
fi
# The held-out sets are scored only when asked (HOLDOUT=1): they are measured, never tuned on.
case "$show" in holdout*) echo "the held-out sets' misses are not shown"; exit 1 ;; esac
[ "${HOLDOUT:-0}" = 1 ] || exit 0
score holdout tests/data/forums/holdout/questions.jsonl tests/data/forums/holdout/pack
score holdout-b tests/data/forums/holdout-b/questions.jsonl tests/data/forums/holdout-b/pack
score holdout-c tests/data/forums/holdout-c/questions.jsonl tests/data/forums/holdout-c/pack
score holdout-d tests/data/forums/holdout-d/questions.jsonl tests/data/forums/holdout-d/pack
