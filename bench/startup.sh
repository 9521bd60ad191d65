#!/usr/bin/env bash
# Startup to healthy and heap in use, for `java -jar` on the embedded default (embedded
# PostgreSQL + sandbox). Prints one line per run: a first start (empty data directory: initdb
# and every migration) and a restart on the same data. "Healthy" is the application's own
# /actuator/health saying UP: the database answers and every migration is applied.
#   bash bench/startup.sh            java -jar (builds the jar first if it is missing)
#   bash bench/startup.sh --cds      also: the extracted jar with a class-data sharing archive
#                                    (one training run, see README "Faster start")
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bash bench/startup.sh --aot
#                                    also: JDK 24+'s AOT cache (JEP 483) instead of the CDS archive
# JAR=path measures another build. JAVA_OPTS is added to every run (e.g. JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/s.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-}
java=${JAVA:-java}
jar=${JAR:-$(ls target/penguinmails-*.jar 2>/dev/null | head -1 || true)}
if [ -z "$jar" ]; then
	./mvnw -q -B -DskipTests package
	jar=$(ls target/penguinmails-*.jar | head -1)
fi
port=${PORT:-18080}
# Every actuator endpoint but health needs the scrape password (HTTP Basic, user "metrics").
metrics_password=$(head -c 18 /dev/urandom | base64)
data=$(mktemp -d)
# Each run's log is kept here (the application's own start-up timings are in it).
logs=target/startup-logs/$port
mkdir -p "$logs"
pid=
# The application is stopped whatever happens (a run that never gets healthy included).
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT

heap() {
	curl -fs -u "metrics:$metrics_password" "http://localhost:$port/actuator/prometheus" \
		| awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%.0f", sum / 1048576 }' || echo '?'
}

# run LABEL DATA-DIR JAVA-ARGS...
run() {
	local label=$1 dir=$2
	shift 2
	local start end heap_healthy heap_after_gc healthy=no load cpu_ms
	load=$(cut -d' ' -f1-3 /proc/loadavg)
	start=$(date +%s%N)
	# shellcheck disable=SC2086
	PENGUINMAILS_METRICS_PASSWORD="$metrics_password" PENGUINMAILS_DATA_DIR="$dir" PENGUINMAILS_SANDBOX_SMTP_PORT=0 PENGUINMAILS_SANDBOX_IMAP_PORT=0 \
		"$java" ${JAVA_OPTS:-} "$@" --server.port="$port" >"$logs/$label.log" 2>&1 &
	pid=$!
	for _ in $(seq 1 3000); do
		if curl -fs "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then
			healthy=yes
			break
		fi
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.05
	done
	end=$(date +%s%N)
	# CPU the JVM used to get there (user + system, not its PostgreSQL): on a loaded machine
	# the wall time mostly measures the wait for a core, this does not.
	cpu_ms=$(awk -v tck="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / tck }' "/proc/$pid/stat" 2>/dev/null || echo '?')
	if [ "$healthy" = no ]; then
		echo "$label: not healthy after $(((end - start) / 1000000)) ms; its log:" >&2
		tail -30 "$logs/$label.log" >&2
		exit 1
	fi
	heap_healthy=$(heap)
	jcmd "$pid" GC.run >/dev/null || true
	heap_after_gc=$(heap)
	printf '%-12s startup to healthy: %5d ms (JVM CPU %s ms)   heap used: %4s MiB at healthy, %4s MiB after a full GC   (load before: %s)\n' \
		"$label" $(((end - start) / 1000000)) "$cpu_ms" "$heap_healthy" "$heap_after_gc" "$load"
	# The application's own account: context refreshed, and the embedded server's start.
	grep -ohE 'Started PenguinMailsApplication in [0-9.]+ seconds \(process running for [0-9.]+\)|Started embedded PostgreSQL[^"]* in [0-9]+ ms' \
		"$logs/$label.log" | sed "s/^/             /" || true
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
}

echo "$jar on $(nproc) cores, $("$java" -version 2>&1 | head -1); embedded PostgreSQL durable (the application defaults: fsync, synchronous_commit, full_page_writes on)"
run first "$data/app" -jar "$jar"
run restart "$data/app" -jar "$jar"

if [ "$mode" = --cds ] || [ "$mode" = --aot ]; then
	# Spring Boot's documented recipe: extract the jar (classes from plain jars on a class
	# path, as CDS needs), one training run that stops once the context is refreshed, then
	# every start maps the archive.
	extracted=target/startup-extracted
	rm -rf "$extracted"
	"$java" -Djarmode=tools -jar "$jar" extract --destination "$extracted" >/dev/null
	app="$extracted/$(basename "$jar")"
	if [ "$mode" = --cds ]; then
		archive="$extracted/application.jsa"
		PENGUINMAILS_DATA_DIR="$data/training" PENGUINMAILS_SANDBOX_SMTP_PORT=0 PENGUINMAILS_SANDBOX_IMAP_PORT=0 \
			"$java" -XX:ArchiveClassesAtExit="$archive" -Dspring.context.exit=onRefresh -jar "$app" \
			--server.port=0 >"$logs/training.log" 2>&1
		use=(-XX:SharedArchiveFile="$archive")
	else
		archive="$extracted/application.aot"
		PENGUINMAILS_DATA_DIR="$data/training" PENGUINMAILS_SANDBOX_SMTP_PORT=0 PENGUINMAILS_SANDBOX_IMAP_PORT=0 \
			"$java" -XX:AOTCacheOutput="$archive" -Dspring.context.exit=onRefresh -jar "$app" \
			--server.port=0 >"$logs/training.log" 2>&1
		use=(-XX:AOTCache="$archive")
	fi
	echo "training run done: $(du -h "$archive" | cut -f1) archive"
	run "first${mode/--/+}" "$data/app2" "${use[@]}" -jar "$app"
	run "restart${mode/--/+}" "$data/app2" "${use[@]}" -jar "$app"
fi
