#!/usr/bin/env bash
# Template renders per second on one thread for a ~1 KB personalised template (subject + HTML +
# generated plain text, spintax and Liquid), with a different contact each time.
set -euo pipefail
cd "$(dirname "$0")/.."
# Measured as the application runs: the embedded PostgreSQL durable (fsync, synchronous_commit on).
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test -Dtest=TemplateRenderBench -Dsurefire.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
	-Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*TemplateRenderBench-output.txt
