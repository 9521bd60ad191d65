#!/usr/bin/env bash
# Startup to healthy and heap in use, for `java -jar` on the embedded default (embedded
# PostgreSQL + sandbox). Prints one line per run: a first start (empty data directory: initdb
# and every migration) and a restart on the same data.
#   bash bench/startup.sh            (builds the jar first if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=$(ls target/penguinmails-*.jar 2>/dev/null | head -1 || true)
if [ -z "$jar" ]; then
	./mvnw -q -B -DskipTests package
	jar=$(ls target/penguinmails-*.jar | head -1)
fi
port=${PORT:-18080}
# Every actuator endpoint but health needs the scrape password (HTTP Basic, user "metrics").
metrics_password=$(head -c 18 /dev/urandom | base64)
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

run() {
	local label=$1
	local start end pid heap_healthy heap_after_gc
	start=$(date +%s%N)
	PENGUINMAILS_METRICS_PASSWORD="$metrics_password" PENGUINMAILS_DATA_DIR="$data" PENGUINMAILS_SANDBOX_SMTP_PORT=0 PENGUINMAILS_SANDBOX_IMAP_PORT=0 \
		java -jar "$jar" --server.port="$port" >"$data/$label.log" 2>&1 &
	pid=$!
	for _ in $(seq 1 600); do
		if curl -fs "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then
			break
		fi
		sleep 0.1
	done
	end=$(date +%s%N)
	heap_healthy=$(curl -fs -u "metrics:$metrics_password" "http://localhost:$port/actuator/prometheus" \
		| awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%.0f", sum / 1048576 }')
	jcmd "$pid" GC.run >/dev/null
	heap_after_gc=$(curl -fs -u "metrics:$metrics_password" "http://localhost:$port/actuator/prometheus" \
		| awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%.0f", sum / 1048576 }')
	printf '%-8s startup to healthy: %5d ms   heap used: %4s MiB at healthy, %4s MiB after a full GC\n' \
		"$label" $(((end - start) / 1000000)) "$heap_healthy" "$heap_after_gc"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
}

echo "java -jar $jar on $(nproc) cores, $(java -version 2>&1 | head -1); embedded PostgreSQL durable (the application defaults: fsync, synchronous_commit, full_page_writes on)"
run first
run restart
