package com.penguinmails.backups.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * What the restore command does, given its DataSource and engine: finds the backup (a
 * file, an {@code s3://} URL of the configured bucket, or a backup's id among the
 * target's files), refuses a target holding data unless told {@code yes} (then empties
 * it: {@code DROP SCHEMA public CASCADE}), restores, and prints rows per table.
 */
public final class Restorer {

	private final BackupEngine engine;

	private final DataSource database;

	private final PrintStream out;

	public Restorer(BackupEngine engine, DataSource database, PrintStream out) {
		this.engine = engine;
		this.database = database;
		this.out = out;
	}

	/** Restores {@code source}; returns the result or throws {@link BackupException}. */
	public LogicalRestore.Result restore(String source, boolean yes) throws IOException, SQLException {
		// The backup is found and its header read (the master key fits) before
		// anything is touched: a wrong name or key never empties the database.
		try (InputStream peek = open(source, true);
				BackupFile.Reader reader = new BackupFile.Reader(peek, engine.crypto())) {
			reader.manifest();
		}
		long rows = rowsHeld();
		if (rows > 0 && !yes) {
			throw new BackupException("The target database holds data (" + rows
					+ " rows): run again with --yes to replace it all with the backup.");
		}
		if (LogicalRestore.currentVersion(database) != null || rows > 0) {
			emptySchema();
		}
		try (InputStream in = open(source, false)) {
			LogicalRestore.Result result = engine.restore(in, database);
			for (Map.Entry<String, Long> table : result.rows().entrySet()) {
				out.printf("%-40s %,12d rows%n", table.getKey(), table.getValue());
			}
			out.printf("Restored %,d rows in %d tables from %s (schema %s, now %s) in %.1f s%n",
					result.manifest().totalRows(), result.rows().size(), source, result.manifest().schemaVersion(),
					result.migratedTo(), result.duration().toMillis() / 1000.0);
			return result;
		}
	}

	private InputStream open(String source, boolean tell) throws IOException {
		if (source.startsWith("s3://")) {
			if (!engine.target().owns(source)) {
				throw new BackupException(source + " is not in the configured bucket (" + engine.target()
						+ "): set penguinmails.backups.s3.* to its bucket.");
			}
			return engine.target().open(source);
		}
		Path file = Path.of(source);
		if (Files.isRegularFile(file)) {
			return Files.newInputStream(file);
		}
		List<String> matches = engine.target().list().stream().filter(location -> location.contains(source)).toList();
		if (matches.size() == 1) {
			if (tell) {
				out.println("Backup " + source + " is " + matches.get(0));
			}
			return engine.target().open(matches.get(0));
		}
		throw new BackupException(matches.isEmpty()
				? "No backup file, s3:// URL or backup id '" + source + "' found (looked in " + engine.target() + ")."
				: "'" + source + "' names several backups: " + matches);
	}

	/**
	 * Rows in the target's tables (flyway_schema_history aside); 0 for an empty database.
	 */
	long rowsHeld() throws SQLException {
		long rows = 0;
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			for (Manifest.Table table : LogicalBackup.tables(connection)) {
				try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table.qualified())) {
					count.next();
					rows += count.getLong(1);
				}
			}
		}
		return rows;
	}

	private void emptySchema() throws SQLException {
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA public CASCADE");
			statement.execute("CREATE SCHEMA public");
		}
	}

}
