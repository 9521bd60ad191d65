#!/usr/bin/env bash
# Parsing 10,000 DMARC aggregate reports of mixed shapes (~50 rows each; zip, gzip, plain XML, one in
# five inside a whole message) on one thread: time and peak heap, with the JVM capped at 256 MB so
# running out of memory would fail the run. No database.
#   bash bench/dmarc-reports.sh [reports]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=AggregateReportsBench -Dsurefire.excludedGroups= -Dbench.reports="${1:-10000}" \
	-DargLine=-Xmx256m -Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*AggregateReportsBench-output.txt
