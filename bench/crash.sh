#!/usr/bin/env bash
# Crash safety of the embedded default: kill -9 of the application (the packaged jar, its
# embedded PostgreSQL) in the middle of a 10,000-message campaign, then a restart on the same
# data directory; counts at an SMTP sink what arrived once, twice or not at all. Several nodes
# on one PostgreSQL: bench/cluster.sh.
#   bash bench/crash.sh [messages]
# Extra Maven flags (e.g. -o -Dfrontend.skip=true) in BENCH_MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B ${BENCH_MAVEN_ARGS:-} -DskipTests -Dspring-javaformat.skip=true package
./mvnw -q -B ${BENCH_MAVEN_ARGS:-} test -Dtest=CrashRecoveryBench -Dsurefire.excludedGroups= \
	-DargLine="-Dbench.messages=${1:-10000}" -Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h "^BENCH" target/surefire-reports/*CrashRecoveryBench-output.txt
echo "BENCH database: the application's embedded PostgreSQL with its defaults (durable: fsync, synchronous_commit, full_page_writes on)"
