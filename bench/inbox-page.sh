#!/usr/bin/env bash
# The two-pane inbox of a workspace with 100,000 conversations (≈250,000 messages): GET /inbox (first
# page, a search, a label, unread only, a campaign, done, a page 90% deep) and the conversation pane,
# median and p95 (goal: under 300 ms), and the plans of the list's queries (index scans, no OFFSET).
#   bash bench/inbox-page.sh [conversations]
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test -Dtest=InboxPageBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx1g -Dbench.threads=${1:-100000}" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*InboxPageBench-output.txt
