package com.penguinmails.analytics;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.io.output.CountingOutputStream;
import org.apache.commons.io.output.NullOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.penguinmails.analytics.ReportTable.Column;
import com.penguinmails.analytics.ReportTable.Kind;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test: a table of {@code bench.rows} (1,000,000) rows of every kind of
 * cell, generated as they are read (never held), written as CSV and Excel, and as a PDF
 * (which shows its first 5,000 rows and counts the rest), each timed with the peak heap
 * (sum of the heap pools' peaks, reset before each format). The script runs the JVM with
 * a small heap, so a writer holding the rows would fail. {@code bash bench/exports.sh}.
 */
@Tag("bench")
class ReportExportsBench {

	static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);

	static final int PDF_ROWS = Integer.getInteger("bench.pdfRows", 5_000);

	private static final ZoneId ZONE = ZoneId.of("Europe/Paris");

	@Test
	void writesAMillionRowsInEveryFormat() {
		ReportFiles files = new ReportFiles();
		for (ReportFormat format : ReportFormat.values()) {
			int rows = format == ReportFormat.PDF ? PDF_ROWS : ROWS;
			System.gc();
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				pool.resetPeakUsage();
			}
			CountingOutputStream out = new CountingOutputStream(NullOutputStream.INSTANCE);
			long start = System.nanoTime();
			files.write(table(rows), format, ZONE, out);
			double seconds = (System.nanoTime() - start) / 1e9;
			long peak = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter(pool -> pool.getType() == MemoryType.HEAP)
				.mapToLong(pool -> pool.getPeakUsage().getUsed())
				.sum();
			System.out.printf(
					"BENCH export %s: %,d rows x 8 columns in %.2f s = %,.0f rows/s, %,.1f MB written; peak heap %d MiB "
							+ "(max heap %d MiB, %d processors)%n",
					format.label(), rows, seconds, rows / seconds, out.getByteCount() / 1e6, peak / 1_048_576,
					Runtime.getRuntime().maxMemory() / 1_048_576, Runtime.getRuntime().availableProcessors());
			assertThat(out.getByteCount()).isPositive();
		}
	}

	private static ReportTable table(int rows) {
		List<Column> columns = List.of(new Column("Day", Kind.DATE), new Column("Sent at", Kind.DATE_TIME),
				new Column("Campaign", Kind.TEXT), new Column("Recipient", Kind.TEXT), new Column("Sent", Kind.COUNT),
				new Column("Replied", Kind.COUNT), new Column("Reply rate", Kind.PERCENT),
				new Column("Revenue", Kind.MONEY));
		LocalDate first = LocalDate.of(2026, 1, 1);
		Instant start = Instant.parse("2026-01-01T08:00:00Z");
		ReportTable.Rows generated = sink -> {
			for (int i = 0; i < rows; i++) {
				long sent = 100 + i % 900;
				long replied = i % 37;
				sink.accept(Arrays.asList(first.plusDays(i % 365), start.plusSeconds(i * 31L), "Campaign " + (i % 250),
						"person" + i + "@example.com", sent, replied, (double) replied / sent,
						BigDecimal.valueOf(i % 100_000, 2)));
			}
		};
		return new ReportTable("Recipients", "1 Jan 2026 – 31 Dec 2026 (Europe/Paris)", columns, generated,
				new ReportChart("Sent per day", ReportChart.Type.LINE, List.of("1 Jan", "2 Jan", "3 Jan"),
						List.of(new ReportChart.Series("Sent", List.of(100L, 250L, 180L)))));
	}

}
