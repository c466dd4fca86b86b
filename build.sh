#!/usr/bin/env bash
# IdentityHub build script.
#   ./build.sh test   installs what the tests need (Debian's Chromium, PostgreSQL, aiosmtpd) when missing,
#                     starts a throwaway PostgreSQL cluster, runs every test of the solution in Release
#                     with warnings as errors, runs a seconds-long smoke run of the benchmark harness
#                     (bench/run --smoke, then --render of the saved run), validates deploy/ (deploy/validate), prints a summary and stops what it started, also after a
#                     failure. Works as root (PostgreSQL runs as the postgres user). A failed browser test leaves
#                     screenshots, page HTML and the server's, portals' and API's logs in TestResults/browser/<time>/,
#                     named at the end.
#   ./build.sh build  builds the solution with warnings as errors.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n==> %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root (or sudo) to run: $*" >&2; exit 1; fi
}

postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

install_prerequisites() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
  postgres_bin >/dev/null || missing+=(postgresql)
  # A real SMTP server for the mail tests (Debian's python3 with aiosmtpd).
  [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
  # The benchmark smoke run: Node.js and npm for oidc-provider, openssl speed, taskset. The interoperability
  # tests (tests/IdentityHub.EndToEnd.Tests/Interop) run openid-client with Node.js too, and serve oidc-client-ts.
  command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
  command -v openssl >/dev/null || missing+=(openssl)
  # The local cluster (deploy/local, tests/IdentityHub.EndToEnd.Tests/Cluster): nginx balancing two nodes, PgBouncer.
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
  command -v taskset >/dev/null || missing+=(util-linux)
  # deploy/validate: yamllint, Debian's docker-compose (v1, reads compose files without an engine), nginx -t (above).
  command -v yamllint >/dev/null || missing+=(yamllint)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]} from Debian"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

PG_DIR=""
PG_BIN=""
stop_postgres() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}

run_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

start_postgres() {
  PG_BIN=$(postgres_bin)
  PG_DIR=$(mktemp -d /tmp/identityhub-pg-XXXXXX)
  trap stop_postgres EXIT
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
  local port
  port=$(free_port)
  log "Starting a throwaway PostgreSQL ($("$PG_BIN/postgres" --version | awk '{print $3}')) on port $port"
  run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust --no-sync -E UTF8 --locale=C >/dev/null
  run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-F -p $port -k $PG_DIR -c listen_addresses=localhost -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
  export IDENTITYHUB_TEST_POSTGRES="Host=localhost;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=20;Timeout=30"
}

build() {
  log "Building (Release, warnings as errors)"
  dotnet build IdentityHub.sln -c Release -p:TreatWarningsAsErrors=true -nologo -v:q
}

test_all() {
  install_prerequisites
  export IDENTITYHUB_CHROMIUM=/usr/bin/chromium
  # The suite starts hundreds of in-memory hosts, several at once: none watches its settings files, and
  # file providers poll instead of holding inotify instances (128 per user by default), which the hosts'
  # versioned script and style links would otherwise run out of.
  export DOTNET_hostBuilder__reloadConfigOnChange=false
  export DOTNET_USE_POLLING_FILE_WATCHER=true
  # One folder per failed browser test (screenshot, HTML, process logs), under the repository.
  export IDENTITYHUB_BROWSER_RESULTS="$PWD/TestResults/browser/$(date -u +%Y%m%d-%H%M%S)"
  start_postgres
  build
  log "Installing the interoperability tests' Node.js libraries (npm ci)"
  (cd tests/IdentityHub.EndToEnd.Tests/Interop/node && npm ci --no-audit --no-fund --loglevel=error)
  # The deployment files, without a container engine (deploy/validate says which tools check what).
  log "Validating deploy/ (deploy/validate)"
  local deploy_status=0
  deploy/validate || deploy_status=$?
  log "Running every test"
  local output status=0
  output=$(mktemp)
  # One test assembly at a time: the browser tests start real processes and must not starve.
  dotnet test IdentityHub.sln -c Release --no-build -nologo -m:1 2>&1 | tee "$output" || status=$?
  # A seconds-long run of the benchmark harness keeps it working; it fails on errors, not on figures.
  log "Benchmark smoke run (bench/run --smoke)"
  bench/run --smoke --no-build || status=$?
  # The report's saved run must still read back (bench/run --render), drawn in a scratch folder.
  local saved
  saved=$(mktemp -d)
  cp docs/benchmarks/results.json "$saved/"
  bench/run --render "$saved/results.json" > /dev/null || status=$?
  rm -rf "$saved"
  # One summary line per test assembly, e.g. "Passed!  - Failed: 0, Passed: 88, Skipped: 0, ...".
  grep -E '^(Passed|Failed)!' "$output" | awk -F'[:,]' '
    { failed += $2; passed += $4; skipped += $6 }
    END { printf "\n%d passed, %d failed, %d skipped\n", passed, failed, skipped }'
  rm -f "$output"
  [ "$deploy_status" -eq 0 ] || { echo "deploy/validate failed (above)."; status=$deploy_status; }
  if [ -d "$IDENTITYHUB_BROWSER_RESULTS" ] && [ -n "$(ls -A "$IDENTITYHUB_BROWSER_RESULTS")" ]; then
    echo "Failed browser tests left screenshots, pages and process logs in: $IDENTITYHUB_BROWSER_RESULTS"
  fi
  return $status
}

case "${1:-}" in
  test) test_all ;;
  build) build ;;
  *) echo "usage: ./build.sh test | build" >&2; exit 2 ;;
esac
