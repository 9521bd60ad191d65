package com.penguinmails.backups.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.flywaydb.core.api.MigrationVersion;

/**
 * Backups made by PostgreSQL's own {@code pg_dump} (format 2 of {@link BackupFile}): the
 * custom-format archive ({@code pg_dump --format=custom}, PostgreSQL "pg_dump") is
 * streamed from the tool's standard output into the same encrypted, gzip-compressed file
 * as format 1, as one chunked stream between the header and trailer manifests; nothing
 * unencrypted touches the disk. The snapshot is exported from a {@code REPEATABLE READ}
 * transaction ({@code pg_export_snapshot()}, "Snapshot Synchronization Functions"
 * §9.27.5) that counts every table's rows, and {@code pg_dump --snapshot} dumps exactly
 * that snapshot, so the manifest's counts are the archive's. Restoring pipes the archive
 * into {@code pg_restore --single-transaction --exit-on-error}, checks its SHA-256 and
 * every table's rows against the manifest, then migrates to this release's schema
 * version.
 */
final class PgDumpBackup {

	private static final int STDERR_LIMIT = 8 * 1024;

	private PgDumpBackup() {
	}

	/**
	 * Writes the backup of {@code database} with {@code tool} to {@code out} (closed when
	 * done) and returns its manifest.
	 */
	static Manifest write(DataSource database, OutputStream out, BackupCrypto crypto, String node, PgTools.Tool tool)
			throws IOException, SQLException {
		try (out) {
			return LogicalBackup.inSnapshot(database,
					connection -> write(connection, Libpq.of(connection, database), out, crypto, node, tool));
		}
	}

	private static Manifest write(Connection connection, Libpq libpq, OutputStream out, BackupCrypto crypto,
			String node, PgTools.Tool tool) throws IOException, SQLException {
		String snapshot;
		try (Statement statement = connection.createStatement();
				ResultSet exported = statement.executeQuery("SELECT pg_export_snapshot()")) {
			exported.next();
			snapshot = exported.getString(1);
		}
		String version = LogicalBackup.schemaVersion(connection);
		List<Manifest.Table> tables = counted(connection, LogicalBackup.tables(connection));
		String createdAt = Instant.now().toString();
		try (BackupFile.Writer writer = new BackupFile.Writer(out, crypto)) {
			writer.manifest(new Manifest(Manifest.PG_DUMP, version, createdAt, node,
					tables.stream().map(table -> uncounted(table)).toList(), List.of(), tool.label(), null));
			BackupFile.TableOut archive = writer.table();
			// The snapshot's transaction stays open until pg_dump has ended: it imports
			// the snapshot when it starts.
			run(libpq.command(tool.pgDump().toString(), "--format=custom", "--compress=0", "--snapshot=" + snapshot,
					"--no-password"), libpq, null, archive, "pg_dump");
			archive.close();
			Manifest trailer = new Manifest(Manifest.PG_DUMP, version, createdAt, node, tables, List.of(), tool.label(),
					archive.sha256());
			writer.manifest(trailer);
			return trailer;
		}
	}

	/**
	 * Restores the format-2 backup whose header {@code reader} has read into
	 * {@code target}, an empty database.
	 */
	static LogicalRestore.Result restore(BackupFile.Reader reader, Manifest header, DataSource target,
			PgTools.Tool tool, long begin) throws IOException, SQLException {
		if (LogicalRestore.currentVersion(target) != null) {
			throw new BackupException("The target database is at schema version "
					+ LogicalRestore.currentVersion(target) + ": a pg_dump backup restores into an empty database.");
		}
		Libpq libpq;
		try (Connection connection = target.getConnection()) {
			libpq = Libpq.of(connection, target);
		}
		BackupFile.TableIn archive = reader.table();
		run(libpq.command(tool.pgRestore().toString(), "--no-owner", "--no-privileges", "--no-comments",
				"--single-transaction", "--exit-on-error", "--no-password"), libpq, archive, null, "pg_restore");
		archive.drain();
		Manifest trailer = reader.manifest();
		if (!archive.sha256().equals(trailer.archiveSha256())) {
			throw new BackupException(
					"The backup does not match its manifest: the pg_dump archive's checksum differs.");
		}
		List<String> differences = new ArrayList<>();
		Map<String, Long> rows = BackupEngine.count(target, trailer.rowCounts(), differences);
		if (!differences.isEmpty()) {
			throw new BackupException("The backup does not match its manifest: " + String.join("; ", differences));
		}
		try (Connection connection = target.getConnection()) {
			LogicalRestore.markUnfinished(connection);
		}
		String latest = LogicalRestore.migrate(target, MigrationVersion.LATEST);
		return new LogicalRestore.Result(trailer, rows, Duration.ofNanos(System.nanoTime() - begin), latest);
	}

	private static List<Manifest.Table> counted(Connection connection, List<Manifest.Table> tables)
			throws SQLException {
		List<Manifest.Table> counted = new ArrayList<>();
		try (Statement statement = connection.createStatement()) {
			for (Manifest.Table table : tables) {
				try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table.qualified())) {
					count.next();
					counted.add(new Manifest.Table(table.schema(), table.name(), table.columns(), table.types(),
							table.primaryKey(), count.getLong(1), null));
				}
			}
		}
		return counted;
	}

	private static Manifest.Table uncounted(Manifest.Table table) {
		return new Manifest.Table(table.schema(), table.name(), table.columns(), table.types(), table.primaryKey(), -1,
				null);
	}

	/**
	 * Runs a tool with the password in its environment (never on its command line, where
	 * {@code ps} would show it), {@code stdin} copied to its input and its output to
	 * {@code stdout}; its standard error, bounded, is the message when it fails.
	 */
	private static void run(List<String> command, Libpq libpq, InputStream stdin, OutputStream stdout, String name)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command);
		libpq.environment(builder.environment());
		if (stdin == null) {
			builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		}
		if (stdout == null) {
			builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		}
		Process process = builder.start();
		CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> tail(process.getErrorStream()));
		try {
			if (stdin != null) {
				try (OutputStream in = process.getOutputStream()) {
					stdin.transferTo(in);
				}
				catch (IOException ex) {
					// the tool stopped reading: its exit code and message say why
				}
			}
			if (stdout != null) {
				try (InputStream fromTool = process.getInputStream()) {
					fromTool.transferTo(stdout);
				}
			}
			if (!process.waitFor(6, TimeUnit.HOURS)) {
				throw new BackupException(name + " did not end within 6 hours.");
			}
			String message = new String(errors.get(), java.nio.charset.StandardCharsets.UTF_8).strip();
			if (process.exitValue() != 0) {
				throw new BackupException(name + " failed (exit " + process.exitValue() + "): "
						+ (message.isEmpty() ? "no message" : message));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BackupException(name + " was interrupted.", ex);
		}
		catch (ExecutionException ex) {
			throw new BackupException(name + "'s messages could not be read: " + ex.getMessage(), ex);
		}
		finally {
			process.destroyForcibly();
		}
	}

	private static byte[] tail(InputStream errors) {
		ByteArrayOutputStream kept = new ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		try (errors) {
			int n;
			while ((n = errors.read(buffer)) >= 0) {
				if (kept.size() < STDERR_LIMIT) {
					kept.write(buffer, 0, Math.min(n, STDERR_LIMIT - kept.size()));
				}
			}
		}
		catch (IOException ex) {
			// the process ended
		}
		return kept.toByteArray();
	}

}
