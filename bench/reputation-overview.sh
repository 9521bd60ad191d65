#!/usr/bin/env bash
# The reputation overview of a workspace with 200 mailboxes on 20 domains and 300,000 messages sent in
# the last 14 days (2% refused): the overview's data, GET /reputation, one domain's timeline and the
# daily scoring of every subject, median and p95, and the peak heap.
#   bash bench/reputation-overview.sh [mailboxes] [messages] [rounds] [warm-ups]
set -euo pipefail
cd "$(dirname "$0")/.."
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test -Dtest=ReputationOverviewBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx1g -Dbench.mailboxes=${1:-200} -Dbench.messages=${2:-300000} -Dbench.rounds=${3:-15} -Dbench.warmups=${4:-3}" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*ReputationOverviewBench-output.txt
