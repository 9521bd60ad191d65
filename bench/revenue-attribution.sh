#!/usr/bin/env bash
# Revenue per campaign (RevenueAttribution and the /analytics/revenue page) over 30 days with
# 20,000 deals whose contacts were each mailed 3 times (300,000 outbox rows), generated in SQL.
#   bash bench/revenue-attribution.sh [deals] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test -Dtest=RevenueAttributionBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx1g -Dbench.deals=${1:-20000} -Dbench.rounds=${2:-20}" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*RevenueAttributionBench-output.txt
