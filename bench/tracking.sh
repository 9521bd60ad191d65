#!/usr/bin/env bash
# The open pixel and the click redirect under load from wrk (a second process, loopback),
# then the events stored counted against the responses: requests/s, latency percentiles.
#   bash bench/tracking.sh [duration] [connections]
# JFR=/tmp/tracking.jfr records a profile of the run (settings=profile).
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
jfr=${JFR:+-XX:StartFlightRecording=filename=$JFR,settings=profile}
echo "BENCH load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
./mvnw -q -B -o test -Dfrontend.skip=true -Dtest=TrackingLoadBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx1g -Dbench.duration=${1:-20s} -Dbench.connections=${2:-32} $jfr" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*TrackingLoadBench-output.txt
echo "BENCH load after: $(cut -d' ' -f1-3 /proc/loadavg)"
