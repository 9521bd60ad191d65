package com.penguinmails.reputation.internal.dmarc;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark, not a test: parses 10,000 DMARC aggregate reports of mixed shapes (Google's
 * zip, Microsoft's, Yahoo's and Mail.ru's gzip, a small provider's and RFC 9990's plain
 * XML; one in five inside a whole message, base64) of about 50 rows each on one thread
 * and prints the time and the peak heap. The files are 1,000 distinct ones (built first,
 * not timed) read ten times each, so the input held in memory stays small beside what
 * parsing costs. {@code bash bench/dmarc-reports.sh}.
 */
@Tag("bench")
class AggregateReportsBench {

	private static final int DISTINCT = 1_000;

	@Test
	void parsesTenThousandReports() {
		int reports = Integer.getInteger("bench.reports", 10_000);
		List<Input> inputs = inputs();
		long xmlBytes = 0;
		for (Input input : inputs) {
			xmlBytes += input.xmlBytes;
		}
		for (int i = 0; i < 500; i++) {
			parse(inputs.get(i % inputs.size()));
		}
		System.gc();
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		long rows = 0;
		long messages = 0;
		long start = System.nanoTime();
		for (int i = 0; i < reports; i++) {
			AggregateReport report = parse(inputs.get(i % inputs.size()));
			rows += report.rows().size();
			for (AggregateReport.Row row : report.rows()) {
				messages += row.count();
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		long peak = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.mapToLong(pool -> pool.getPeakUsage().getUsed())
			.sum();
		double averageXml = (double) xmlBytes / inputs.size();
		System.out
			.printf("BENCH dmarc reports: %,d reports (%,d rows, %,d messages; %,d distinct files, XML %.0f KB each on "
					+ "average, %.0f MB of XML in all) parsed in %.2f s on one thread = %.0f reports/s, %.0f rows/s, "
					+ "%.0f MB/s of XML; peak heap %d MiB (max heap %d MiB, %d processors)%n", reports, rows, messages,
					inputs.size(), averageXml / 1024, averageXml * reports / 1_048_576, seconds, reports / seconds,
					rows / seconds, averageXml * reports / 1_048_576 / seconds, peak / 1_048_576,
					Runtime.getRuntime().maxMemory() / 1_048_576, Runtime.getRuntime().availableProcessors());
	}

	private static AggregateReport parse(Input input) {
		List<ReportFile> files = input.message ? AggregateReports.fromMessage(input.bytes)
				: AggregateReports.read(input.name, input.bytes);
		assertThat(files).hasSize(1);
		if (files.get(0) instanceof ReportFile.Read read) {
			return read.report();
		}
		throw new AssertionError("not read: " + files.get(0));
	}

	private static List<Input> inputs() {
		List<Input> inputs = new ArrayList<>(DISTINCT);
		ReportShapes.Shape[] shapes = ReportShapes.Shape.values();
		for (int n = 0; n < DISTINCT; n++) {
			ReportShapes.Shape shape = shapes[n % shapes.length];
			int rows = 40 + (n * 7) % 21;
			long xmlBytes = ReportShapes.xml(shape, n, rows, new java.util.Random(n)).length();
			byte[] file = ReportShapes.file(shape, n, rows, n);
			boolean message = n % 5 == 4;
			inputs.add(new Input(ReportShapes.fileName(shape, n), message ? ReportShapes.message(shape, n, file) : file,
					message, xmlBytes));
		}
		return inputs;
	}

	private record Input(String name, byte[] bytes, boolean message, long xmlBytes) {
	}

}
