package com.penguinmails.system.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.OutboxLoad;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.system.SystemStatusReport.HourPoint;

/**
 * This node's resource figures: a sample a minute ({@link SystemLoops}) kept in memory
 * for the current UTC hour, and one {@code system_metrics} row per hour upserted at most
 * every 10 minutes and when the hour ends, so a crash loses at most 10 minutes of one
 * hour. Rows older than {@code penguinmails.system.history-days} (90) are pruned at each
 * hour's end.
 */
@Component
public class ResourceSampler {

	/** How often the current hour's row is written while the hour runs. */
	static final Duration WRITE_EVERY = Duration.ofMinutes(10);

	/** What one sample measured. */
	public record Sample(Double cpuLoad, long heapUsed, long heapMax, long diskFree, long diskTotal) {
	}

	private final SystemRepository repository;

	private final InstallationQueries queries;

	private final OutboxLoad outbox;

	private final Heartbeats heartbeats;

	private final SystemProperties properties;

	private final Path dataDir;

	private Instant hour;

	private int samples;

	private int cpuSamples;

	private double cpuSum;

	private long heapSum;

	private Sample last;

	private Instant written;

	ResourceSampler(SystemRepository repository, InstallationQueries queries, OutboxLoad outbox, Heartbeats heartbeats,
			SystemProperties properties, PenguinMailsProperties app) {
		this.repository = repository;
		this.queries = queries;
		this.outbox = outbox;
		this.heartbeats = heartbeats;
		this.properties = properties;
		this.dataDir = Path.of(app.dataDir() == null ? "." : app.dataDir()).toAbsolutePath();
	}

	/** Measures this process and the data directory's disk now. */
	public Sample measure() {
		Double cpu = null;
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			double load = os.getProcessCpuLoad();
			cpu = load < 0 ? null : load;
		}
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
		try {
			FileStore store = Files.getFileStore(existing(dataDir));
			return new Sample(cpu, heap.getUsed(), max, store.getUsableSpace(), store.getTotalSpace());
		}
		catch (IOException ex) {
			return new Sample(cpu, heap.getUsed(), max, 0, 0);
		}
	}

	/** The data directory, or its nearest existing parent (before it is created). */
	static Path existing(Path dir) {
		Path at = dir;
		while (at != null && !Files.exists(at)) {
			at = at.getParent();
		}
		return at == null ? Path.of(".").toAbsolutePath() : at;
	}

	/** Takes one sample at {@code now} and writes the hour's row when due. */
	public void sample(Instant now) {
		add(measure(), now);
	}

	/**
	 * Adds a sample taken at {@code now}: a new hour first writes the previous hour's row
	 * (and prunes old rows); the current hour's row is written when none was for 10
	 * minutes.
	 */
	public synchronized void add(Sample sample, Instant now) {
		Instant current = now.truncatedTo(ChronoUnit.HOURS);
		if (hour != null && !hour.equals(current)) {
			write();
			repository.pruneHistory(now, properties.historyDays());
			reset();
		}
		if (hour == null) {
			hour = current;
		}
		samples++;
		if (sample.cpuLoad() != null) {
			cpuSamples++;
			cpuSum += sample.cpuLoad();
		}
		heapSum += sample.heapUsed();
		last = sample;
		if (written == null || !now.isBefore(written.plus(WRITE_EVERY))) {
			write();
			written = now;
		}
	}

	/** Writes the current hour's row now (at shutdown, or from a test). */
	public synchronized void flush() {
		if (hour != null && samples > 0) {
			write();
		}
	}

	private void write() {
		Double cpu = cpuSamples == 0 ? null : cpuSum / cpuSamples * 100;
		Instant end = hour.plus(Duration.ofHours(1));
		HourPoint point = new HourPoint(hour, cpu, heapSum / samples, last.heapMax(), last.diskFree(), last.diskTotal(),
				queries.databaseBytes(), outbox.sentBetween(hour, end), outbox.queueDepth());
		repository.record(heartbeats.node().id(), point, samples);
	}

	private void reset() {
		hour = null;
		samples = 0;
		cpuSamples = 0;
		cpuSum = 0;
		heapSum = 0;
		written = null;
	}

}
