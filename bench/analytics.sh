#!/usr/bin/env bash
# Workspace analytics at scale: 10,000,000 raw events over a year in one workspace (sends, opens,
# clicks, replies, bounces, unsubscribes, complaints, generated in SQL), the rollups rebuilt from
# them, then every view timed over 30 and 365 days, unfiltered and filtered, with the peak heap.
#   bash bench/analytics.sh [events] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test -Dtest=WorkspaceAnalyticsBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx1g -Dbench.events=${1:-10000000} -Dbench.rounds=${2:-20}" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*WorkspaceAnalyticsBench-output.txt
