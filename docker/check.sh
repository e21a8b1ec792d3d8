#!/usr/bin/env bash
# Builds docker/Dockerfile as it is, with podman (or docker, where a daemon answers), and proves
# on the image what the README says of it:
#   1. `ask` answers with no network at all, and the image carries LICENSE and NOTICE;
#   2. `check` passes on the embedded pack and on a mounted one, and refuses a broken one;
#   3. `run` without a token exits 2 with its one-line message;
#   4. the bot runs as a non-root user on a read-only root filesystem, answers one /ask through
#      the fake Discord (examples/fake_discord.rs, on the host network), serves /metrics, and
#      its HEALTHCHECK passes;
#   5. SIGTERM stops it cleanly (answers finished, close frame 1000, exit 0) within the grace
#      period;
#   6. the compose file is valid (podman-compose or docker compose, when installed).
# Prints the build's time and the image's size. It compiles the whole project in the image, so
# it takes minutes: CI does not run it.
#
#   docker/check.sh              # build, then check
#   docker/check.sh --no-build   # check the image built last time (IMAGE, default verbatim:check)
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v podman >/dev/null; then
  engine=podman
  # No registry is needed: the base images are local. The docker format keeps HEALTHCHECK.
  build=(podman build --pull=never --format docker)
elif docker info >/dev/null 2>&1; then
  engine=docker
  build=(docker build)
else
  echo "docker/check.sh needs podman, or docker with a running daemon" >&2
  exit 1
fi

image=${IMAGE:-verbatim:check}
name=verbatim-check-$$
target=${CARGO_TARGET_DIR:-target}
# The one token the fake Discord accepts (tests/support/fake/mod.rs).
token=fake-token-for-tests.verbatim.0123456789
work=$(mktemp -d)
fake_pid=""
made_env=""

cleanup() {
  $engine rm -f "$name" >/dev/null 2>&1 || true
  if [ -n "$fake_pid" ]; then kill "$fake_pid" 2>/dev/null || true; fi
  if [ -n "$made_env" ]; then rm -f .env; fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { echo "== $*"; }
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
# Waits up to $2 seconds for a line matching $1 in file $3.
wait_for_line() {
  for _ in $(seq "$2"); do
    if grep -q -- "$1" "$3"; then return 0; fi
    sleep 1
  done
  return 1
}

built="built before"
if [ "${1:-}" != --no-build ]; then
  step "build docker/Dockerfile with $engine"
  started=$(date +%s)
  "${build[@]}" -f docker/Dockerfile -t "$image" .
  built="built in $(($(date +%s) - started)) s"
fi
size=$($engine image inspect --format '{{.Size}}' "$image")
# One-shot runs need no health check (podman would try to schedule it with systemd).
once=("$engine" run --rm --network none --no-healthcheck)

step "1. ask answers offline"
out=$("${once[@]}" "$image" ask "楊植麟怎麼看AGI?")
grep -q "楊植麟 · 月之暗面 CEO" <<<"$out" || fail "ask: $out"

step "1b. the image carries the licences and notices"
out=$("${once[@]}" --entrypoint cat "$image" /usr/share/doc/verbatim/LICENSE /usr/share/doc/verbatim/NOTICE)
grep -q "MIT License" <<<"$out" && grep -q "CC BY-SA 4.0" <<<"$out" && grep -q "Apache-2.0" <<<"$out" &&
  grep -q "WordNet 3.0 Copyright 2006" <<<"$out" ||
  fail "no licence notices in the image"

step "2. check: the embedded pack, a mounted pack, a broken pack"
out=$("${once[@]}" "$image" check)
grep -q "^ok: 1 pack" <<<"$out" || fail "check: $out"
out=$("${once[@]}" -v "$PWD/knowledge:/knowledge:ro" -e VERBATIM_KNOWLEDGE=/knowledge "$image" check)
grep -q "^ok: " <<<"$out" || fail "check of a mounted pack: $out"
code=0
out=$("${once[@]}" -v "$PWD/tests/data/broken/many-problems:/knowledge:ro" \
  -e VERBATIM_KNOWLEDGE=/knowledge "$image" check 2>&1) || code=$?
[ "$code" = 2 ] && grep -q "^/knowledge/pack.toml:39: " <<<"$out" ||
  fail "check of a broken pack: exit $code: $out"

step "3. run without a token exits 2 with one line"
code=0
out=$("${once[@]}" "$image" run 2>&1) || code=$?
[ "$code" = 2 ] && [ "$out" = "error: DISCORD_TOKEN is not set; put the bot's token in it (see .env.example)" ] ||
  fail "run without a token: exit $code: $out"

step "4. the bot answers through the fake Discord, as a non-root user on a read-only filesystem"
cargo build --quiet --example fake_discord
"$target/debug/examples/fake_discord" >"$work/fake.log" 2>&1 &
fake_pid=$!
wait_for_line "^http://" 30 "$work/fake.log" || fail "the fake Discord did not start: $(cat "$work/fake.log")"
url=$(head -1 "$work/fake.log")
health_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$engine run -d --name "$name" --network host --read-only --cap-drop ALL \
  --security-opt no-new-privileges:true \
  -e DISCORD_TOKEN="$token" -e DISCORD_PROXY_URL="$url" \
  -e VERBATIM_HTTP_ADDR="127.0.0.1:$health_port" "$image" >/dev/null 2>"$work/run.err" ||
  fail "the bot's container did not start: $(cat "$work/run.err")"
if ! wait_for_line "^answered: " 120 "$work/fake.log"; then
  $engine logs "$name" >&2 || true
  fail "no answer through the fake Discord: $(cat "$work/fake.log")"
fi
uid=$($engine exec "$name" grep '^Uid:' /proc/1/status | awk '{ print $2 }')
[ -n "$uid" ] && [ "$uid" != 0 ] || fail "the bot runs as user ${uid:-?}"
[ "$($engine inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$name")" = true ] ||
  fail "the root filesystem is writable"
if $engine exec "$name" touch /probe 2>/dev/null; then fail "wrote to the root filesystem"; fi
metrics=$(python3 -c "import urllib.request; print(urllib.request.urlopen('http://127.0.0.1:$health_port/metrics').read().decode())")
grep -q '^verbatim_questions_total{outcome="answered"} 1$' <<<"$metrics" || fail "metrics: $metrics"
if [ "$engine" = podman ]; then
  $engine healthcheck run "$name" || fail "the HEALTHCHECK failed"
else
  healthy=""
  for _ in $(seq 120); do
    status=$($engine inspect --format '{{.State.Health.Status}}' "$name")
    if [ "$status" = healthy ]; then healthy=1; break; fi
    sleep 1
  done
  [ -n "$healthy" ] || fail "the HEALTHCHECK never passed ($status)"
fi

step "5. SIGTERM stops it cleanly within the grace period"
grace=10
started=$(date +%s%N)
$engine stop -t "$grace" "$name" >/dev/null 2>"$work/stop.err" || fail "stop: $(cat "$work/stop.err")"
stop_ms=$((($(date +%s%N) - started) / 1000000))
code=$($engine inspect --format '{{.State.ExitCode}}' "$name")
logs=$($engine logs "$name" 2>&1)
[ "$code" = 0 ] || fail "exit code $code after SIGTERM: $logs"
[ "$stop_ms" -lt $((grace * 1000)) ] || fail "stopping took ${stop_ms} ms, the grace period is ${grace} s"
grep -q "closed the gateway" <<<"$logs" || fail "no clean close: $logs"
fake_code=0
wait "$fake_pid" || fake_code=$?
fake_pid=""
[ "$fake_code" = 0 ] || fail "the fake Discord saw no close frame 1000: $(cat "$work/fake.log")"

step "6. the compose file is valid"
if [ ! -e .env ]; then
  cp .env.example .env
  made_env=1
fi
if command -v podman-compose >/dev/null; then
  podman-compose -f docker/compose.yaml config >/dev/null || fail "podman-compose config"
elif docker compose version >/dev/null 2>&1; then
  docker compose -f docker/compose.yaml config --quiet || fail "docker compose config"
else
  echo "skipped: neither podman-compose nor docker compose is installed"
fi

echo "ok: image $image, $((size / 1000000)) MB, $built; stopped in ${stop_ms} ms"
