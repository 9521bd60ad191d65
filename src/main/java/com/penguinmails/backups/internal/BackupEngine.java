package com.penguinmails.backups.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.penguinmails.backups.BackupProperties;

/**
 * Takes a backup of a database to the target and verifies one by restoring it into a
 * scratch database; no Spring JDBC, so the Flyway callback can use it before the
 * migrations ran. A backup is a {@code pg_dump} archive (format 2, {@link PgDumpBackup})
 * when a {@code pg_dump} able to dump the server is found ({@link PgTools}) and the
 * format allows it, else the built-in logical copy (format 1, {@link LogicalBackup}).
 */
public final class BackupEngine {

	/**
	 * A backup written.
	 *
	 * @param location where it is
	 * @param sizeBytes the file's size
	 * @param sha256 hex SHA-256 of the file
	 * @param manifest its manifest (row counts, checksums)
	 * @param duration how long writing it took
	 */
	public record Written(String location, long sizeBytes, String sha256, Manifest manifest, Duration duration) {
	}

	/**
	 * A verification's outcome.
	 *
	 * @param ok whether every table's row count matched
	 * @param summary "Row counts matched (n tables, m rows)" or what differed
	 * @param duration how long the restore and the counting took
	 */
	public record Verification(boolean ok, String summary, Duration duration) {
	}

	private final BackupCrypto crypto;

	private final BackupTarget target;

	private final String node;

	private final BackupProperties.Format format;

	private final Path pgBinDir;

	/** An engine writing {@code pg_dump} archives when it can ({@code auto}). */
	public BackupEngine(BackupCrypto crypto, BackupTarget target) {
		this(crypto, target, BackupProperties.Format.AUTO, null);
	}

	/**
	 * An engine of the given format; {@code pgBinDir}, when not null, is the only place
	 * {@code pg_dump} and {@code pg_restore} are looked for.
	 */
	public BackupEngine(BackupCrypto crypto, BackupTarget target, BackupProperties.Format format, Path pgBinDir) {
		this.crypto = crypto;
		this.target = target;
		this.node = hostName();
		this.format = format;
		this.pgBinDir = pgBinDir;
	}

	public BackupTarget target() {
		return target;
	}

	public BackupCrypto crypto() {
		return crypto;
	}

	/** Writes a backup of {@code database} named after {@code id} and its start. */
	public Written write(DataSource database, UUID id, Instant startedAt) throws IOException, SQLException {
		long begin = System.nanoTime();
		String name = BackupNames.of(id, startedAt);
		Path staged = target.staging(name);
		try {
			MessageDigest digest = BackupFile.newDigest();
			Manifest manifest;
			try (OutputStream out = new DigestOutputStream(
					new BufferedOutputStream(Files.newOutputStream(staged), 1 << 16), digest)) {
				PgTools.Tool tool = dumpTool(database);
				manifest = tool == null ? LogicalBackup.write(database, out, crypto, node)
						: PgDumpBackup.write(database, out, crypto, node, tool);
			}
			long size = Files.size(staged);
			String location = target.commit(staged, name);
			return new Written(location, size, HexFormat.of().formatHex(digest.digest()), manifest,
					Duration.ofNanos(System.nanoTime() - begin));
		}
		finally {
			Files.deleteIfExists(staged);
		}
	}

	/**
	 * Restores the backup read from {@code in} (closed when done) into {@code target}, an
	 * empty database or one at the backup's schema version (format 1), whatever its
	 * format.
	 * @throws BackupException when the file is not a backup, the key does not fit, it
	 * does not match its manifest, or its format's tool is missing
	 */
	public LogicalRestore.Result restore(InputStream in, DataSource target) throws IOException, SQLException {
		long begin = System.nanoTime();
		try (BackupFile.Reader reader = new BackupFile.Reader(in, crypto)) {
			Manifest header = reader.manifest();
			return switch (header.format()) {
				case Manifest.FORMAT -> LogicalRestore.restore(reader, header, target, begin);
				case Manifest.PG_DUMP -> PgDumpBackup.restore(reader, header, target, restoreTool(header), begin);
				default ->
					throw new BackupException("Backup format " + header.format() + " is not known to this release.");
			};
		}
	}

	/**
	 * Restores the backup at {@code location} into a scratch database on the server of
	 * {@code server} and counts every table's rows against {@code expected} (table label
	 * to rows); the scratch database is dropped afterwards.
	 */
	public Verification verify(DataSource server, UUID id, String location, Map<String, Long> expected) {
		long begin = System.nanoTime();
		String name = "penguinmails_verify_" + id.toString().replace("-", "").substring(0, 16);
		try (ScratchDatabase scratch = ScratchDatabase.create(server, name)) {
			try (InputStream in = target.open(location)) {
				restore(in, scratch.dataSource());
			}
			List<String> differences = new ArrayList<>();
			Map<String, Long> counted = count(scratch.dataSource(), expected, differences);
			long total = counted.values().stream().mapToLong(Long::longValue).sum();
			Duration took = Duration.ofNanos(System.nanoTime() - begin);
			if (differences.isEmpty()) {
				return new Verification(true, "Row counts matched (" + expected.size() + " tables, " + total + " rows)",
						took);
			}
			return new Verification(false, "Row counts differed: " + String.join("; ", differences), took);
		}
		catch (IOException | SQLException | RuntimeException ex) {
			return new Verification(false, "Could not restore it: " + ex.getMessage(),
					Duration.ofNanos(System.nanoTime() - begin));
		}
	}

	/**
	 * Counts the rows of every table of {@code expected} (label to rows) in
	 * {@code database}; adds "label: manifest n, restored m" to {@code differences} for
	 * each that differs. Returns the counts by label.
	 */
	static Map<String, Long> count(DataSource database, Map<String, Long> expected, List<String> differences)
			throws SQLException {
		Map<String, Long> counts = new LinkedHashMap<>();
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			for (Map.Entry<String, Long> table : expected.entrySet()) {
				String qualified = table.getKey().contains(".") ? qualified(table.getKey()) : Sql.ident(table.getKey());
				try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + qualified)) {
					rows.next();
					long counted = rows.getLong(1);
					counts.put(table.getKey(), counted);
					if (counted != table.getValue()) {
						differences.add(table.getKey() + ": manifest " + table.getValue() + ", restored " + counted);
					}
				}
			}
		}
		return counts;
	}

	/**
	 * What the next backup of {@code database} will be made with, for people; never
	 * throws (a failure to tell is said).
	 */
	public String nextFormat(DataSource database) {
		if (format == BackupProperties.Format.LOGICAL) {
			return "the built-in copy (penguinmails.backups.format is logical)";
		}
		try {
			int server = serverMajor(database);
			return PgTools.find(pgBinDir, server)
				.map(tool -> tool.label() + " (" + tool.pgDump().getParent() + ")")
				.orElseGet(() -> (format == BackupProperties.Format.PG_DUMP ? "nothing: backups fail, because "
						: "the built-in copy: ") + "no pg_dump of PostgreSQL " + server + " or newer is in "
						+ PgTools.searched(pgBinDir) + " (Debian: postgresql-client-" + server + ")");
		}
		catch (SQLException ex) {
			return "unknown: the database did not answer (" + ex.getMessage() + ")";
		}
	}

	private static int serverMajor(DataSource database) throws SQLException {
		try (Connection connection = database.getConnection();
				Statement statement = connection.createStatement();
				ResultSet version = statement.executeQuery("SELECT current_setting('server_version_num')::int")) {
			version.next();
			return version.getInt(1) / 10000;
		}
	}

	/**
	 * The {@code pg_dump} to write {@code database} with, or null for the logical format.
	 */
	private PgTools.Tool dumpTool(DataSource database) throws SQLException {
		if (format == BackupProperties.Format.LOGICAL) {
			return null;
		}
		int server = serverMajor(database);
		PgTools.Tool tool = PgTools.find(pgBinDir, server).orElse(null);
		if (tool == null && format == BackupProperties.Format.PG_DUMP) {
			throw new BackupException("penguinmails.backups.format is pg-dump, but no pg_dump of PostgreSQL " + server
					+ " or newer was found in " + PgTools.searched(pgBinDir)
					+ ": install your server's client (Debian: postgresql-client-" + server
					+ ") or set penguinmails.backups.pg-bin-dir to its bin directory.");
		}
		return tool;
	}

	private PgTools.Tool restoreTool(Manifest header) {
		int major = PgTools.majorOf(header.tool());
		return PgTools.find(pgBinDir, major)
			.orElseThrow(() -> new BackupException(
					"This backup is a pg_dump archive made by " + header.tool() + ": restoring it needs pg_restore "
							+ major + " or newer, and none was found in " + PgTools.searched(pgBinDir)
							+ " (Debian: postgresql-client-" + major + "; or set penguinmails.backups.pg-bin-dir)."));
	}

	private static String qualified(String label) {
		int dot = label.indexOf('.');
		return Sql.ident(label.substring(0, dot)) + "." + Sql.ident(label.substring(dot + 1));
	}

	static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown";
		}
	}

}
