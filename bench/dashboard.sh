#!/usr/bin/env bash
# The home page and GET /api/v1/dashboard of a workspace with 1,000,000 sent messages, then how
# fast the dashboard's read model takes MessageSent events.
#   bash bench/dashboard.sh [messages] [events]
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test -Dtest=DashboardBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx1g -Dbench.messages=${1:-1000000} -Dbench.events=${2:-20000}" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*DashboardBench-output.txt
