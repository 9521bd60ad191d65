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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Takes a backup of a database to the target and verifies one by restoring it into a
 * scratch database; no Spring JDBC, so the Flyway callback can use it before the
 * migrations ran.
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

	public BackupEngine(BackupCrypto crypto, BackupTarget target) {
		this.crypto = crypto;
		this.target = target;
		this.node = hostName();
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
				manifest = LogicalBackup.write(database, out, crypto, node);
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
	 * Restores the backup at {@code location} into a scratch database on the server of
	 * {@code server} and counts every table's rows against {@code expected} (table label
	 * to rows); the scratch database is dropped afterwards.
	 */
	public Verification verify(DataSource server, UUID id, String location, Map<String, Long> expected) {
		long begin = System.nanoTime();
		String name = "penguinmails_verify_" + id.toString().replace("-", "").substring(0, 16);
		try (ScratchDatabase scratch = ScratchDatabase.create(server, name)) {
			try (InputStream in = target.open(location)) {
				LogicalRestore.restore(in, crypto, scratch.dataSource());
			}
			List<String> differences = new ArrayList<>();
			long total = 0;
			try (Connection connection = scratch.dataSource().getConnection();
					Statement statement = connection.createStatement()) {
				for (Map.Entry<String, Long> table : expected.entrySet()) {
					String qualified = table.getKey().contains(".") ? qualified(table.getKey())
							: Sql.ident(table.getKey());
					try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + qualified)) {
						rows.next();
						long counted = rows.getLong(1);
						total += counted;
						if (counted != table.getValue()) {
							differences
								.add(table.getKey() + ": manifest " + table.getValue() + ", restored " + counted);
						}
					}
				}
			}
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
