#!/usr/bin/env bash
# One campaign-scheduler tick over 1,000,000 due enrolments (100 campaigns, 5,000 mailboxes).
#   bash bench/scheduler.sh [enrolments]
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test -Dtest=SchedulerBench -Dsurefire.excludedGroups= -Dbench.enrolments="${1:-1000000}" \
	-DargLine="-Xmx512m -Dbench.enrolments=${1:-1000000}" -Dsurefire.failIfNoSpecifiedTests=false \
	-Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*SchedulerBench-output.txt
