package com.penguinmails.backups.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * A backup before every schema migration (Flyway callback, picked up by Spring Boot's
 * Flyway auto-configuration): on {@code beforeMigrate}, when the schema holds applied
 * migrations and some are pending, a backup (kind {@code pre-migration}) is written with
 * Flyway's own DataSource; on {@code afterMigrate} its row is recorded (the
 * {@code backups} table may only exist once migrated). A first start has nothing to back
 * up. A backup that fails stops the migration, and so the start: better a node that waits
 * than a schema change with no way back.
 */
@Component
public class PreMigrationBackup implements Callback {

	private static final Logger log = LoggerFactory.getLogger(PreMigrationBackup.class);

	private final BackupEngine engine;

	private UUID pendingId;

	private Instant pendingStart;

	private BackupEngine.Written pending;

	public PreMigrationBackup(BackupEngine engine) {
		this.engine = engine;
	}

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.BEFORE_MIGRATE || event == Event.AFTER_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public synchronized void handle(Event event, Context context) {
		DataSource database = context.getConfiguration().getDataSource();
		try {
			if (event == Event.BEFORE_MIGRATE) {
				before(database, context);
			}
			else if (pending != null) {
				record(database);
			}
		}
		catch (Exception ex) {
			throw new BackupException("The backup before the schema migration failed: " + ex.getMessage(), ex);
		}
	}

	private void before(DataSource database, Context context) throws Exception {
		if (LogicalRestore.currentVersion(database) == null) {
			return;
		}
		int waiting = Flyway.configure().configuration(context.getConfiguration()).load().info().pending().length;
		if (waiting == 0) {
			return;
		}
		pendingId = UUID.randomUUID();
		pendingStart = Instant.now();
		log.info("{} migrations pending: backing the database up first", waiting);
		pending = engine.write(database, pendingId, pendingStart);
		log.info("Pre-migration backup written to {} ({} bytes, {} ms)", pending.location(), pending.sizeBytes(),
				pending.duration().toMillis());
	}

	private void record(DataSource database) throws SQLException {
		try (Connection connection = database.getConnection()) {
			try (Statement statement = connection.createStatement();
					ResultSet exists = statement.executeQuery("SELECT to_regclass('backups') IS NOT NULL")) {
				exists.next();
				if (!exists.getBoolean(1)) {
					return;
				}
			}
			try (PreparedStatement insert = connection.prepareStatement("""
					INSERT INTO backups (id, started_at, finished_at, status, kind, node, schema_version, size_bytes,
					    duration_ms, location, sha256, manifest, verification)
					VALUES (?, ?, ?, 'succeeded', 'pre-migration', ?, ?, ?, ?, ?, ?, ?::jsonb,
					    'Not verified: taken at start-up, before the migrations')""")) {
				insert.setObject(1, pendingId);
				insert.setTimestamp(2, Timestamp.from(pendingStart));
				insert.setTimestamp(3, Timestamp.from(pendingStart.plus(pending.duration())));
				insert.setString(4, BackupEngine.hostName());
				insert.setString(5, pending.manifest().schemaVersion());
				insert.setLong(6, pending.sizeBytes());
				insert.setLong(7, pending.duration().toMillis());
				insert.setString(8, pending.location());
				insert.setString(9, pending.sha256());
				insert.setString(10, BackupFile.JSON.writeValueAsString(pending.manifest()));
				insert.executeUpdate();
			}
			catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		finally {
			pending = null;
		}
	}

	@Override
	public String getCallbackName() {
		return "penguinmails-pre-migration-backup";
	}

}
