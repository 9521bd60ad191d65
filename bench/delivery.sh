#!/usr/bin/env bash
# End-to-end delivery: 100,000 DKIM-signed messages from the outbox to an SMTP sink on loopback,
# with the JVM capped at 512 MB; then the machine's raw RSA-2048 signing rate (our physical limit).
#   bash bench/delivery.sh [messages]
# Extra Maven flags (e.g. -o -Dfrontend.skip=true) in BENCH_MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test ${BENCH_MAVEN_ARGS:-} -Dtest=DeliveryBench -Dsurefire.excludedGroups= -Dbench.messages="${1:-100000}" \
	-DargLine=-Xmx512m -Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*DeliveryBench-output.txt
echo "RSA-2048 signing on this machine (one core):"
openssl speed -seconds 3 rsa2048 2>/dev/null | grep -E '^rsa 2048|sign/s'
