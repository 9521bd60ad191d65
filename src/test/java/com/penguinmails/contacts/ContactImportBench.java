package com.penguinmails.contacts;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;

/**
 * Benchmark, not a test: imports a generated CSV of 1,000,000 contacts (10 columns, 2
 * custom) into the embedded PostgreSQL and prints rows/s and the peak heap. Also prints
 * the write-ahead log the import wrote per row ({@code pg_stat_wal}: records and bytes,
 * which load does not change) and the size of each index of {@code contacts} and
 * {@code contact_changes} afterwards: the merge into the indexed table is what bounds an
 * import. {@code bash bench/contact-import.sh} runs it with {@code -Xmx256m}.
 */
@Tag("bench")
@IntegrationTest
class ContactImportBench {

	static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);

	@Autowired
	ContactImports imports;

	@Autowired
	Fixtures fixtures;

	@Test
	void importAMillionRows() throws Exception {
		Path file = Path.of("target", "bench-contacts.csv");
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("email,first_name,last_name,company,title,phone,country,tags,plan,seats\n");
			for (int i = 0; i < ROWS; i++) {
				out.write("person" + i + "@company" + (i % 5000) + ".test,First" + i + ",Last" + i + ",\"Company "
						+ (i % 5000) + ", Inc\",Head of Sales,+1 555 " + (1000000 + i) + ",US,\"lead,q" + (i % 4)
						+ "\",pro," + (i % 100) + "\n");
			}
		}
		Account account = fixtures.verifiedAccount("bench-import");
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			pool.resetPeakUsage();
		}
		Map<String, Object> walBefore = wal();
		long start = System.nanoTime();
		ContactImport job = imports.runNow(account.owner(), file, new ContactImports.Options(',', true, Map.of()));
		double seconds = (System.nanoTime() - start) / 1e9;
		long peak = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(p -> p.getType() == MemoryType.HEAP)
			.mapToLong(p -> p.getPeakUsage().getUsed())
			.sum();
		Map<String, Object> walAfter = wal();
		for (String figure : List.of("wal_records", "wal_fpi", "wal_bytes")) {
			double written = ((Number) walAfter.get(figure)).doubleValue()
					- ((Number) walBefore.get(figure)).doubleValue();
			System.out.printf("BENCH contact import %s: %.0f, %.1f per row%n", figure, written,
					written / job.rowsRead());
		}
		fixtures.jdbc()
			.sql("""
					SELECT indexrelid::regclass || ' ' || pg_size_pretty(pg_relation_size(indexrelid))
					FROM pg_index WHERE indrelid IN ('contacts'::regclass, 'contact_changes'::regclass)
					ORDER BY pg_relation_size(indexrelid) DESC""")
			.query(String.class)
			.list()
			.forEach(index -> System.out.println("BENCH contact import index " + index));
		System.out.printf("BENCH database: %s%n", fixtures.durability());
		System.out.printf(
				"BENCH contact import: %d rows (%d MB file) in %.1f s = %.0f rows/s; inserted %d, failed %d; "
						+ "peak heap %d MiB (max heap %d MiB)%n",
				job.rowsRead(), Files.size(file) / 1_000_000, seconds, job.rowsRead() / seconds, job.inserted(),
				job.failed(), peak / 1_048_576, Runtime.getRuntime().maxMemory() / 1_048_576);
		Files.deleteIfExists(file);
	}

	/** The server's write-ahead log counters so far (PostgreSQL 14+). */
	private Map<String, Object> wal() {
		return fixtures.jdbc().sql("SELECT wal_records, wal_fpi, wal_bytes FROM pg_stat_wal").query().singleRow();
	}

}
