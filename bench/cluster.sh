#!/usr/bin/env bash
# Three application processes (the packaged jar, 512 MB heap each) on one durable PostgreSQL run
# by the bench JVM, as behind a load balancer: a 30,000-message campaign over five mailboxes to an
# SMTP sink, opens and clicks of a sample fetched round robin from the nodes, replies to a sample
# put into the mailboxes' IMAP (GreenMail), one node killed with SIGKILL half-way and started
# again. Prints what arrived once, twice or never, replies stored and handled once, tracking
# responses against events stored, and per node: messages sent, peak heap, restarts. Exits
# non-zero (and prints FAIL) when anything was doubled or lost.
#   bash bench/cluster.sh [messages]
# Extra Maven flags (e.g. -o -Dfrontend.skip=true) in BENCH_MAVEN_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
messages="${1:-30000}"
echo "BENCH load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
./mvnw -q -B ${BENCH_MAVEN_ARGS:-} -DskipTests -Dspring-javaformat.skip=true package
status=0
./mvnw -q -B ${BENCH_MAVEN_ARGS:-} test -Dtest=ClusterBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx1g -Dbench.messages=$messages" -Dsurefire.failIfNoSpecifiedTests=false \
	-Dspring-javaformat.skip=true || status=$?
grep -h "^BENCH" target/surefire-reports/*ClusterBench-output.txt || true
echo "BENCH load after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
