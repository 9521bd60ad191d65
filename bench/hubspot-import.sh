#!/usr/bin/env bash
# A HubSpot contact import of N records (default 2,000) in pages of 100 from WireMock into an empty
# workspace: records per second and the peak heap.
#   bash bench/hubspot-import.sh [records]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=HubSpotImportBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx1g -Dbench.records=${1:-2000}" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*HubSpotImportBench-output.txt
