#!/usr/bin/env bash
# Report files of a 1,000,000-row table (8 columns of every kind, generated as read) as CSV and
# Excel (POI SXSSF), and a 5,000-row PDF with its chart: time, size and peak heap of each, with the
# JVM capped at 256 MB so a writer that held the rows would run out of memory. No database.
#   bash bench/exports.sh [rows] [pdf-rows]
# Figures (2 cores, other builds running, -Xmx256m, 2026-12-01; peak heap = sum of the heap pools'
# peaks, so an upper bound; it is the young generation's size, not the rows'):
#   1,000,000 rows: CSV 5.5 s (181k rows/s, 84 MB), peak heap 65 MiB; Excel 29.5 s (34k rows/s,
#   60 MB), peak heap 64 MiB. PDF of 5,000 rows with its chart: 1.3 s, 0.6 MB, peak heap 92 MiB.
#   100,000 rows for comparison: CSV 56 MiB, Excel 84 MiB: memory does not grow with the rows.
#   With -Xmx64m the same million rows still go through (CSV 9.0 s, Excel 47 s: more GC, and the
#   machine was busier), PDF 4.9 s.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B test -Dtest=ReportExportsBench -Dsurefire.excludedGroups= \
	-DargLine="-Xmx256m -Djava.awt.headless=true -Dbench.rows=${1:-1000000} -Dbench.pdfRows=${2:-5000}" \
	-Dsurefire.failIfNoSpecifiedTests=false -Dspring-javaformat.skip=true
grep -h '^BENCH' target/surefire-reports/*ReportExportsBench-output.txt
