#!/usr/bin/env bash
# A Salesforce Contact import of N records (default 100,000) through a Bulk API 2.0 query job
# (CSV results pages of 50,000) from WireMock into an empty workspace: records per second and the
# peak heap.
#   bash bench/salesforce-import.sh [records]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=SalesforceImportBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx1g -Dbench.records=${1:-100000}" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*SalesforceImportBench-output.txt
