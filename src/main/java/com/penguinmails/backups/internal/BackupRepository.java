package com.penguinmails.backups.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.backups.Backup;

/**
 * The SQL of {@code backups}. Installation-wide: no workspace scope (a backup covers
 * every workspace); callers check the installation admin first.
 */
@Repository
public class BackupRepository {

	private static final String COLUMNS = """
			id, started_at, finished_at, status, kind, schema_version, size_bytes, duration_ms, location, sha256,
			verified_at, verified_ok, verification, error, manifest ->> 'format' AS manifest_format,
			manifest ->> 'tool' AS tool""";

	private final JdbcClient jdbc;

	BackupRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insertRunning(UUID id, Instant startedAt, String kind) {
		jdbc.sql("INSERT INTO backups (id, started_at, status, kind, node) VALUES (?, ?, 'running', ?, ?)")
			.params(id, Timestamp.from(startedAt), kind, BackupEngine.hostName())
			.update();
	}

	void succeeded(UUID id, Instant finishedAt, BackupEngine.Written written) {
		jdbc.sql("""
				UPDATE backups SET finished_at = ?, schema_version = ?, size_bytes = ?, duration_ms = ?, location = ?,
				    sha256 = ?, manifest = ?::jsonb
				WHERE id = ?""")
			.params(Timestamp.from(finishedAt), written.manifest().schemaVersion(), written.sizeBytes(),
					written.duration().toMillis(), written.location(), written.sha256(), json(written.manifest()), id)
			.update();
	}

	/** The end of a backup: succeeded (after its verification) or failed with why. */
	void finish(UUID id, String status, String error) {
		jdbc.sql("UPDATE backups SET status = ?, error = ?, finished_at = coalesce(finished_at, now()) WHERE id = ?")
			.params(status, error, id)
			.update();
	}

	void verified(UUID id, Instant at, BackupEngine.Verification verification) {
		jdbc.sql("UPDATE backups SET verified_at = ?, verified_ok = ?, verification = ? WHERE id = ?")
			.params(Timestamp.from(at), verification.ok(), verification.summary(), id)
			.update();
	}

	/** The row counts of the backup's manifest, as recorded. */
	Map<String, Long> rowCounts(UUID id) {
		return manifest(id).rowCounts();
	}

	/** The backup's manifest, as recorded. */
	Manifest manifest(UUID id) {
		String json = jdbc.sql("SELECT manifest::text FROM backups WHERE id = ?")
			.param(id)
			.query(String.class)
			.single();
		try {
			return BackupFile.JSON.readValue(json, Manifest.class);
		}
		catch (JsonProcessingException ex) {
			throw new BackupException("The recorded manifest is not readable: " + ex.getOriginalMessage(), ex);
		}
	}

	List<Backup> recent(int limit) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM backups ORDER BY started_at DESC LIMIT ?")
			.param(limit)
			.query(BackupRepository::backup)
			.list();
	}

	Optional<Backup> find(UUID id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM backups WHERE id = ?")
			.param(id)
			.query(BackupRepository::backup)
			.optional();
	}

	/**
	 * A backup running since {@code since} or later (older ones died with their node).
	 */
	Optional<UUID> runningSince(Instant since) {
		return jdbc
			.sql("SELECT id FROM backups WHERE status = 'running' AND started_at >= ? ORDER BY started_at LIMIT 1")
			.param(Timestamp.from(since))
			.query(UUID.class)
			.optional();
	}

	/** Whether a backup of {@code kind} started at {@code since} or later. */
	boolean startedSince(String kind, Instant since) {
		return jdbc
			.sql("SELECT EXISTS (SELECT 1 FROM backups WHERE kind = ? AND started_at >= ? AND status <> 'failed')")
			.params(kind, Timestamp.from(since))
			.query(Boolean.class)
			.single();
	}

	/** The newest succeeded backup whose verification passed. */
	Optional<Backup> lastVerified() {
		return jdbc
			.sql("SELECT " + COLUMNS
					+ " FROM backups WHERE status = 'succeeded' AND verified_ok ORDER BY started_at DESC LIMIT 1")
			.query(BackupRepository::backup)
			.optional();
	}

	/** Every succeeded backup, newest first, for retention. */
	List<Retention.Item> succeeded() {
		return jdbc
			.sql("SELECT id, started_at, location FROM backups WHERE status = 'succeeded' ORDER BY started_at DESC")
			.query((rs, n) -> new Retention.Item(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
					rs.getString(3)))
			.list();
	}

	/**
	 * Failed backups older than {@code before}: their rows go (their files never were).
	 */
	int deleteFailedBefore(Instant before) {
		return jdbc.sql("DELETE FROM backups WHERE status = 'failed' AND started_at < ?")
			.param(Timestamp.from(before))
			.update();
	}

	void delete(UUID id) {
		jdbc.sql("DELETE FROM backups WHERE id = ?").param(id).update();
	}

	private static String json(Manifest manifest) {
		try {
			return BackupFile.JSON.writeValueAsString(manifest);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Backup backup(ResultSet rs, int n) throws SQLException {
		long duration = rs.getLong("duration_ms");
		Timestamp finished = rs.getTimestamp("finished_at");
		Timestamp verified = rs.getTimestamp("verified_at");
		long size = rs.getLong("size_bytes");
		Long sizeBytes = rs.wasNull() ? null : size;
		Boolean ok = rs.getObject("verified_ok", Boolean.class);
		return new Backup(rs.getObject("id", UUID.class), rs.getTimestamp("started_at").toInstant(),
				finished == null ? null : finished.toInstant(), rs.getString("status"), rs.getString("kind"),
				rs.getString("schema_version"), sizeBytes, finished == null ? null : Duration.ofMillis(duration),
				rs.getString("location"), rs.getString("sha256"), verified == null ? null : verified.toInstant(), ok,
				rs.getString("verification"), rs.getString("error"), format(rs.getString("manifest_format")),
				rs.getString("tool"));
	}

	private static String format(String manifestFormat) {
		if (manifestFormat == null) {
			return null;
		}
		return String.valueOf(Manifest.PG_DUMP).equals(manifestFormat) ? "pg_dump" : "logical";
	}

}
