#!/usr/bin/env bash
# Crash safety: kill -9 of the application in the middle of a 10,000-message campaign, then a
# restart; and two application processes sharing one PostgreSQL. Both count at an SMTP sink
# what arrived once, twice or not at all.
#   bash bench/crash.sh [messages]
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B -DskipTests -Dspring-javaformat.skip=true package
./mvnw -q -B test -Dtest=CrashRecoveryBench -Dsurefire.excludedGroups= -Dbench.messages="${1:-10000}" \
	-DargLine="-Dbench.messages=${1:-10000}" -Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h "^BENCH" target/surefire-reports/*CrashRecoveryBench-output.txt
echo "BENCH database: the application's embedded PostgreSQL with its defaults (durable: fsync, synchronous_commit, full_page_writes on)"
