#!/usr/bin/env bash
# A warmup pool tick for 5,000 mailboxes: plan the day (~105,000 messages), then send one
# minute's due messages and a 20,000-message batch to an SMTP sink on loopback.
#   bash bench/warmup-pool.sh [mailboxes]
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test -Dtest=WarmupPoolBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx512m -Dbench.mailboxes=${1:-5000}" -Dsurefire.failIfNoSpecifiedTests=false \
	-Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*WarmupPoolBench-output.txt
