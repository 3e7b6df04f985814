#!/usr/bin/env bash
# Runs MeshAgent's real JS client (@meshagent/meshagent 0.39.9) against the embedded room server.
#
#   interop/run.sh            (from the repository root; any working directory works)
#
# Needs queues-server/target/queues-server.jar:
#   mvn -B -ntp -pl queues-server -am package -DskipTests
set -euo pipefail

INTEROP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "${INTEROP_DIR}/.." && pwd)"
JAR="${REPO_ROOT}/queues-server/target/queues-server.jar"
SECRET="${INTEROP_SECRET:-dev-secret}"
HOST=127.0.0.1
STARTUP_TIMEOUT_SECONDS=20

if [[ ! -f "${JAR}" ]]; then
	echo "run.sh: ${JAR} not found; build it with: mvn -B -ntp -pl queues-server -am package -DskipTests" >&2
	exit 2
fi

if [[ ! -d "${INTEROP_DIR}/node_modules" ]]; then
	echo "run.sh: installing interop dependencies (npm ci)"
	(cd "${INTEROP_DIR}" && npm ci --no-audit --no-fund)
fi

# A free port on the loopback interface; fall back to 8765.
PORT="$(node -e '
const s = require("net").createServer();
s.on("error", () => { console.log(8765); });
s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => console.log(p)); });
' 2>/dev/null || true)"
[[ "${PORT}" =~ ^[0-9]+$ ]] || PORT=8765

WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/queues-interop.XXXXXX")"
SERVER_LOG="${WORK_DIR}/server.log"
SERVER_PID=""

cleanup() {
	local status=$?
	if [[ -n "${SERVER_PID}" ]] && kill -0 "${SERVER_PID}" 2>/dev/null; then
		kill -TERM "${SERVER_PID}" 2>/dev/null || true
		for _ in $(seq 1 50); do
			kill -0 "${SERVER_PID}" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "${SERVER_PID}" 2>/dev/null; then
			echo "run.sh: server ${SERVER_PID} ignored SIGTERM for 5 s, killing it" >&2
			kill -KILL "${SERVER_PID}" 2>/dev/null || true
		fi
		wait "${SERVER_PID}" 2>/dev/null || true
	fi
	rm -rf "${WORK_DIR}"
	exit "${status}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "run.sh: starting room server on ${HOST}:${PORT}"
java -jar "${JAR}" --host "${HOST}" --port "${PORT}" --secret "${SECRET}" >"${SERVER_LOG}" 2>&1 &
SERVER_PID=$!

URL="ws://${HOST}:${PORT}"
deadline=$((SECONDS + STARTUP_TIMEOUT_SECONDS))
until grep -qF "${URL}" "${SERVER_LOG}" 2>/dev/null; do
	if ! kill -0 "${SERVER_PID}" 2>/dev/null; then
		echo "run.sh: room server exited before it was ready; its output:" >&2
		sed 's/^/  server| /' "${SERVER_LOG}" >&2
		SERVER_PID=""
		exit 1
	fi
	if (( SECONDS >= deadline )); then
		echo "run.sh: room server did not print ${URL} within ${STARTUP_TIMEOUT_SECONDS} s; its output:" >&2
		sed 's/^/  server| /' "${SERVER_LOG}" >&2
		exit 1
	fi
	sleep 0.1
done
echo "run.sh: $(grep -m1 -F "${URL}" "${SERVER_LOG}")"

status=0
node "${INTEROP_DIR}/seed-interop.mjs" "${URL}" "${SECRET}" || status=$?

if (( status != 0 )); then
	echo "run.sh: interop failed (exit ${status}); room server output:" >&2
	sed 's/^/  server| /' "${SERVER_LOG}" >&2
fi
exit "${status}"
