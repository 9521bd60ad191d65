#!/usr/bin/env bash
# A campaign's figures (stats panel and CampaignStats) and its who-did-what pages with 100,000
# recipients sent 3 steps each (300,000 outbox rows, opens, clicks, replies, bounces), generated in SQL.
#   bash bench/campaign-figures.sh [recipients] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
export PENGUINMAILS_TEST_DB_DURABLE=true
./mvnw -q -B test -Dtest=CampaignFiguresBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx1g -Dbench.recipients=${1:-100000} -Dbench.rounds=${2:-50}" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*CampaignFiguresBench-output.txt
