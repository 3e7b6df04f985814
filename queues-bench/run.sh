#!/usr/bin/env bash
# The benchmark report in one command (see BENCHMARKS.md):
#
#   queues-bench/run.sh [more queues-bench options]      (from any directory; ~7-8 min on 2 cores)
#
# Builds the jars (mvn -B -ntp -DskipTests package; set BENCH_SKIP_BUILD=1 to use the ones in target/), installs
# MeshAgent's JS client from interop/'s lock file if needed (npm ci, as interop/run.sh does), then runs the report
# suite against queues-server/target/queues-server.jar and rewrites the results section of BENCHMARKS.md.
# Every process it starts (room server, echo server, node, the memory run's server) is stopped at the end.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${REPO_ROOT}"

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
	mvn -B -ntp -DskipTests package
fi
if [[ ! -d interop/node_modules/@meshagent ]]; then
	(cd interop && npm ci --no-audit --no-fund)
fi

exec java -jar queues-bench/target/queues-bench.jar --update BENCHMARKS.md \
	--commit "$(git describe --always --dirty 2>/dev/null || echo unknown)" "$@"
