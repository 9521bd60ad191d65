#!/usr/bin/env bash
# IMAP sync: first sync of a mailbox holding 10,000 messages, then incremental syncs.
#   bash bench/imap-sync.sh [messages]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=InboundSyncBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx1g -Dbench.messages=${1:-10000}" -Dsurefire.failIfNoSpecifiedTests=false \
	-Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*InboundSyncBench-output.txt
