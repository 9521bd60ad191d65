#!/usr/bin/env bash
# Verifying 1,000 domains (6 records each) against a loopback DNS server: wall time and the
# concurrency bound. Also prints how long adding them took (a 2048-bit DKIM key each).
#   bash bench/domain-verification.sh [domains]
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test -Dtest=DomainVerificationBench -Dsurefire.excludedGroups= -Dbench.domains="${1:-1000}" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*DomainVerificationBench-output.txt
