package com.penguinmails.backups.internal;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Restores a backup file written by {@link LogicalBackup} into a database that is empty
 * or at most migrated to the backup's schema version: Flyway migrates it to the backup's
 * version, every table is emptied, then, in one transaction with
 * {@code session_replication_role = replica} (no foreign-key or trigger checks while
 * loading, PostgreSQL "Client Connection Defaults" §20.11.1; needs a superuser, which the
 * embedded server's {@code postgres} is), each table's rows are copied in (a partitioned
 * table routes each row to its partition, or DEFAULT), every sequence is set back, and
 * the row counts and checksums are compared with the file's manifest; any difference
 * rolls it all back. Finally Flyway migrates to this release's version, so a backup from
 * an older release restores on a newer one.
 */
public final class LogicalRestore {

	/**
	 * What a restore did.
	 *
	 * @param manifest the backup's manifest (its trailer: row counts and checksums)
	 * @param rows rows copied in per table, in file order (equal to the manifest's)
	 * @param duration how long it took, migrations included
	 * @param migratedTo the schema version after the final migration
	 */
	public record Result(Manifest manifest, Map<String, Long> rows, Duration duration, String migratedTo) {
	}

	private LogicalRestore() {
	}

	/**
	 * Restores the backup read from {@code in} (closed when done) into {@code target}.
	 */
	public static Result restore(InputStream in, BackupCrypto crypto, DataSource target)
			throws IOException, SQLException {
		long begin = System.nanoTime();
		try (BackupFile.Reader reader = new BackupFile.Reader(in, crypto)) {
			Manifest header = reader.manifest();
			if (header.format() != Manifest.FORMAT) {
				throw new BackupException("Backup format " + header.format() + " is not known to this release.");
			}
			return restore(reader, header, target, begin);
		}
	}

	/**
	 * Restores the format-1 backup whose header {@code reader} has read; {@code begin} is
	 * when the restore began ({@link System#nanoTime()}).
	 */
	static Result restore(BackupFile.Reader reader, Manifest header, DataSource target, long begin)
			throws IOException, SQLException {
		String current = currentVersion(target);
		if (current != null && !current.equals(header.schemaVersion())) {
			throw new BackupException("The target database is at schema version " + current + " but the backup at "
					+ header.schemaVersion() + ": restore into an empty database.");
		}
		migrate(target, MigrationVersion.fromVersion(header.schemaVersion()));
		Manifest trailer = load(reader, header, target);
		String latest = migrate(target, MigrationVersion.LATEST);
		return new Result(trailer, trailer.rowCounts(), Duration.ofNanos(System.nanoTime() - begin), latest);
	}

	/**
	 * Loads every table; returns the trailer, whose row counts the copied rows matched.
	 */
	private static Manifest load(BackupFile.Reader reader, Manifest header, DataSource target)
			throws IOException, SQLException {
		try (Connection connection = target.getConnection()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET LOCAL session_replication_role = replica");
				createMissing(statement, header.tables());
				List<String> all = new ArrayList<>();
				for (Manifest.Table table : LogicalBackup.tables(connection)) {
					all.add(table.qualified());
				}
				if (!all.isEmpty()) {
					// Rows migrations inserted (reference data) come back from the
					// backup.
					statement.execute("TRUNCATE " + String.join(", ", all));
				}
			}
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			Map<String, Long> rows = new LinkedHashMap<>();
			Map<String, String> sums = new LinkedHashMap<>();
			for (Manifest.Table table : header.tables()) {
				BackupFile.TableIn stream = reader.table();
				long copied = copy.copyIn("COPY " + table.qualified() + " (" + LogicalBackup.columns(table)
						+ ") FROM STDIN (FORMAT binary)", stream);
				stream.drain();
				rows.put(table.label(), copied);
				sums.put(table.label(), stream.sha256());
			}
			Manifest trailer = reader.manifest();
			check(trailer, rows, sums);
			setSequences(connection, trailer.sequences());
			markUnfinished(connection);
			connection.commit();
			return trailer;
		}
		catch (SQLException ex) {
			if ("42501".equals(ex.getSQLState())) {
				throw new BackupException("Restoring needs a database superuser (it loads with triggers and "
						+ "foreign-key checks off): " + ex.getMessage(), ex);
			}
			throw ex;
		}
	}

	/**
	 * Creates the tables the migrations do not (Spring Modulith's
	 * {@code event_publication} is made at start-up) with the backup's columns and types;
	 * whoever owns them adds their indexes when the application starts
	 * ({@code CREATE ... IF NOT EXISTS}).
	 */
	private static void createMissing(Statement statement, List<Manifest.Table> tables) throws SQLException {
		for (Manifest.Table table : tables) {
			boolean exists;
			try (ResultSet found = statement
				.executeQuery("SELECT to_regclass('" + table.qualified().replace("'", "''") + "') IS NOT NULL")) {
				found.next();
				exists = found.getBoolean(1);
			}
			if (!exists) {
				List<String> columns = new ArrayList<>();
				for (int i = 0; i < table.columns().size(); i++) {
					columns.add(Sql.ident(table.columns().get(i)) + " " + table.types().get(i));
				}
				if (!table.primaryKey().isEmpty()) {
					columns.add("PRIMARY KEY ("
							+ String.join(", ", table.primaryKey().stream().map(Sql::ident).toList()) + ")");
				}
				statement.execute("CREATE TABLE " + table.qualified() + " (" + String.join(", ", columns) + ")");
			}
		}
	}

	private static void check(Manifest trailer, Map<String, Long> rows, Map<String, String> sums) {
		List<String> differences = new ArrayList<>();
		for (Manifest.Table table : trailer.tables()) {
			Long copied = rows.get(table.label());
			if (copied == null || copied != table.rows()) {
				differences.add(table.label() + ": manifest " + table.rows() + " rows, restored " + copied);
			}
			else if (!table.sha256().equals(sums.get(table.label()))) {
				differences.add(table.label() + ": checksum differs");
			}
		}
		if (!differences.isEmpty()) {
			throw new BackupException("The backup does not match its manifest: " + String.join("; ", differences));
		}
	}

	private static void setSequences(Connection connection, List<Manifest.Sequence> sequences) throws SQLException {
		try (var statement = connection.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
			for (Manifest.Sequence sequence : sequences) {
				statement.setString(1, Sql.ident(sequence.schema()) + "." + Sql.ident(sequence.name()));
				statement.setLong(2, sequence.lastValue());
				statement.setBoolean(3, sequence.called());
				statement.execute();
			}
		}
	}

	/**
	 * A backup that was running when the snapshot was taken (the very one restored, for
	 * one) is not running in the restored database.
	 */
	static void markUnfinished(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("""
					DO $$ BEGIN
					  IF to_regclass('backups') IS NOT NULL THEN
					    UPDATE backups SET status = 'failed',
					      error = 'Still running when the backup this database was restored from was taken.'
					    WHERE status = 'running';
					  END IF;
					END $$""");
		}
	}

	/** The highest applied Flyway version, or null when Flyway never ran there. */
	static String currentVersion(DataSource target) throws SQLException {
		try (Connection connection = target.getConnection(); Statement statement = connection.createStatement()) {
			try (ResultSet exists = statement.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
				exists.next();
				if (!exists.getBoolean(1)) {
					return null;
				}
			}
			try (ResultSet rows = statement.executeQuery("SELECT version FROM flyway_schema_history "
					+ "WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	/** Migrates with this release's migrations (no callbacks: no backup of a restore). */
	static String migrate(DataSource target, MigrationVersion version) throws SQLException {
		Flyway.configure()
			.dataSource(target)
			.locations("classpath:db/migration")
			.cleanDisabled(true)
			.target(version)
			.load()
			.migrate();
		return currentVersion(target);
	}

}
