#!/usr/bin/env bash
# A 24-hour soak in miniature: one application process (the packaged jar, -Xmx512m, its embedded
# durable PostgreSQL) under steady load for N minutes (default 60): a campaign sending
# continuously to an SMTP sink, open pixels and click redirects at a fixed rate, replies appearing
# in the mailboxes' IMAP for the inbound sync. One series line a minute (heap after a full GC by
# jcmd, live threads, pool and server connections, RSS, messages sent, tracking events), then
# first-versus-last deltas, slopes per hour and a verdict.
#   bash bench/soak.sh [minutes]
# Extra Maven flags (e.g. -o -Dfrontend.skip=true) in BENCH_MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-60}"
echo "BENCH load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
./mvnw -q -B ${BENCH_MAVEN_ARGS:-} -DskipTests -Dspring-javaformat.skip=true package
status=0
./mvnw -q -B ${BENCH_MAVEN_ARGS:-} test -Dtest=SoakBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx512m -Dbench.minutes=$minutes" -Dsurefire.failIfNoSpecifiedTests=false \
	-Dspring-javaformat.skip=true || status=$?
grep -h "^BENCH" target/surefire-reports/*SoakBench-output.txt || true
echo "BENCH load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
