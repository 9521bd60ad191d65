package com.penguinmails.backups.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

import com.penguinmails.backups.Backup;
import com.penguinmails.backups.BackupProperties;
import com.penguinmails.backups.Backups;

/**
 * {@link Backups}: each backup is a row (running, then succeeded or failed), its file
 * written by {@link BackupEngine}, verified, then retention thins the older ones.
 */
@Service
public class BackupService implements Backups {

	/** A backup running longer than this died with its node. */
	static final Duration STALE = Duration.ofHours(6);

	/** Every backup younger than this is kept, whatever the rules. */
	static final Duration KEEP_WITHIN = Duration.ofDays(1);

	/** Failed backups' rows are kept this long, for the record. */
	static final Duration KEEP_FAILED = Duration.ofDays(30);

	private static final Logger log = LoggerFactory.getLogger(BackupService.class);

	private final BackupRepository repository;

	private final BackupEngine engine;

	private final DataSource dataSource;

	private final BackupProperties properties;

	private final Clock clock;

	private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
		Thread thread = new Thread(task, "pm-backup");
		thread.setDaemon(true);
		return thread;
	});

	BackupService(BackupRepository repository, BackupEngine engine, DataSource dataSource, BackupProperties properties,
			Clock clock) {
		this.repository = repository;
		this.engine = engine;
		this.dataSource = dataSource;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public List<Backup> recent(int limit) {
		return repository.recent(limit);
	}

	@Override
	public String nextFormat() {
		return engine.nextFormat(dataSource);
	}

	@Override
	public Optional<Backup> find(UUID id) {
		return repository.find(id);
	}

	@Override
	public synchronized UUID startManual() {
		Instant now = clock.instant();
		Optional<UUID> running = repository.runningSince(now.minus(STALE));
		if (running.isPresent()) {
			return running.get();
		}
		UUID id = UUID.randomUUID();
		repository.insertRunning(id, now, "manual");
		background.submit(() -> run(id, now));
		return id;
	}

	@Override
	public Backup takeNow(String kind) {
		UUID id = UUID.randomUUID();
		Instant now = clock.instant();
		repository.insertRunning(id, now, kind);
		run(id, now);
		return repository.find(id).orElseThrow();
	}

	/**
	 * Verifies a written backup again: restores it into a scratch database and counts its
	 * rows against its recorded manifest; records and returns the outcome.
	 */
	public BackupEngine.Verification verify(UUID id) {
		Backup backup = repository.find(id).orElseThrow(() -> new BackupException("No backup " + id));
		BackupEngine.Verification verification = engine.verify(dataSource, id, backup.location(),
				repository.rowCounts(id));
		repository.verified(id, clock.instant(), verification);
		return verification;
	}

	private void run(UUID id, Instant startedAt) {
		try {
			BackupEngine.Written written = engine.write(dataSource, id, startedAt);
			repository.succeeded(id, clock.instant(), written);
			log.info("Backup {} written to {}: {} bytes, {} rows in {} ms", id, written.location(), written.sizeBytes(),
					written.manifest().totalRows(), written.duration().toMillis());
			if (properties.verify()) {
				BackupEngine.Verification verification = verify(id);
				log.info("Backup {} verified in {} ms: {}", id, verification.duration().toMillis(),
						verification.summary());
			}
			repository.finish(id, "succeeded", null);
			applyRetention();
		}
		catch (Exception ex) {
			log.error("Backup {} failed", id, ex);
			repository.finish(id, "failed", ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
		}
	}

	/**
	 * Deletes the succeeded backups (file or object, then row) retention does not keep
	 * ({@link Retention}, plus every backup of the last day), and failed rows older than
	 * {@link #KEEP_FAILED}; returns how many backups went.
	 */
	public int applyRetention() {
		List<Retention.Item> succeeded = repository.succeeded();
		Set<UUID> keep = new java.util.HashSet<>(Retention.keep(succeeded, properties.keep()));
		// And everything of the last day (restic's --keep-within 1d): a manual
		// backup never thins away this morning's scheduled or pre-migration one.
		Instant dayAgo = clock.instant().minus(KEEP_WITHIN);
		succeeded.stream().filter(item -> item.startedAt().isAfter(dayAgo)).forEach(item -> keep.add(item.id()));
		int deleted = 0;
		for (Retention.Item item : succeeded) {
			if (keep.contains(item.id())) {
				continue;
			}
			try {
				if (item.location() != null && engine.target().owns(item.location())) {
					engine.target().delete(item.location());
				}
				repository.delete(item.id());
				deleted++;
			}
			catch (Exception ex) {
				log.warn("Could not delete the old backup {} at {}: {}", item.id(), item.location(), ex.getMessage());
			}
		}
		repository.deleteFailedBefore(clock.instant().minus(KEEP_FAILED));
		return deleted;
	}

	@PreDestroy
	void stop() {
		background.shutdownNow();
	}

}
