#!/usr/bin/env bash
# Importing 1,000,000 contacts from CSV into PostgreSQL (embedded): rows/s and peak heap, with the
# JVM capped at 256 MB (the goal's peak heap) so running out of memory would fail the run; the
# write-ahead log written per row and the indexes' sizes (what bounds it).
#   bash bench/contact-import.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B ${BENCH_MAVEN_ARGS:-} test -Dtest=ContactImportBench -Dsurefire.excludedGroups= -Dbench.rows="${1:-1000000}" \
	-DargLine=-Xmx256m -Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*ContactImportBench-output.txt
