package com.penguinmails.backups.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes a logical backup of a database: in ONE {@code REPEATABLE READ, READ ONLY}
 * transaction (one snapshot: every table as of the same instant, PostgreSQL's
 * "Transaction Isolation" §13.2.2) each table's rows as a binary {@code COPY (SELECT ...)
 * TO STDOUT}, then every sequence's value. Needs no {@code pg_dump}: the embedded server
 * ships none, and Debian's client refuses a newer server. {@code flyway_schema_history}
 * is left out: the manifest records the schema version, and restore migrates to it.
 */
public final class LogicalBackup {

	private static final String HISTORY = "flyway_schema_history";

	private static final String TABLES = """
			SELECT n.nspname, c.relname,
			       array(SELECT a.attname::text FROM pg_attribute a
			             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
			             ORDER BY a.attnum),
			       array(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
			             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
			             ORDER BY a.attnum),
			       array(SELECT a.attname::text FROM pg_index i
			             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
			             WHERE i.indrelid = c.oid AND i.indisprimary
			             ORDER BY array_position(i.indkey::int2[], a.attnum))
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
			  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
			  AND NOT (c.relname = ? AND n.nspname = current_schema())
			  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
			ORDER BY n.nspname, c.relname""";

	private static final String SEQUENCES = """
			SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE c.relkind = 'S' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
			  AND n.nspname NOT LIKE 'pg\\_%'
			ORDER BY n.nspname, c.relname""";

	private LogicalBackup() {
	}

	/**
	 * Writes the backup of {@code database} to {@code out} (closed when done) and returns
	 * its manifest.
	 */
	public static Manifest write(DataSource database, OutputStream out, BackupCrypto crypto, String node)
			throws IOException, SQLException {
		try (out) {
			return inSnapshot(database, connection -> write(connection, out, crypto, node));
		}
	}

	/** Work done in one snapshot's transaction. */
	interface SnapshotWork<T> {

		T run(Connection connection) throws IOException, SQLException;

	}

	/**
	 * Runs {@code work} in ONE {@code REPEATABLE READ, READ ONLY} transaction of
	 * {@code database} (committed when it returns, rolled back when it throws).
	 */
	static <T> T inSnapshot(DataSource database, SnapshotWork<T> work) throws IOException, SQLException {
		try (Connection connection = database.getConnection()) {
			connection.setAutoCommit(false);
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			connection.setReadOnly(true);
			try {
				T result = work.run(connection);
				connection.commit();
				return result;
			}
			finally {
				if (!connection.isClosed() && !connection.getAutoCommit()) {
					connection.rollback();
				}
			}
		}
	}

	private static Manifest write(Connection connection, OutputStream out, BackupCrypto crypto, String node)
			throws IOException, SQLException {
		String version = schemaVersion(connection);
		List<Manifest.Table> tables = tables(connection);
		Manifest header = new Manifest(Manifest.FORMAT, version, Instant.now().toString(), node, tables, List.of(),
				null, null);
		CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
		List<Manifest.Table> copied = new ArrayList<>();
		try (BackupFile.Writer writer = new BackupFile.Writer(out, crypto)) {
			writer.manifest(header);
			for (Manifest.Table table : tables) {
				BackupFile.TableOut stream = writer.table();
				long rows = copy.copyOut(
						"COPY (SELECT " + columns(table) + " FROM " + table.qualified() + ") TO STDOUT (FORMAT binary)",
						stream);
				stream.close();
				copied.add(new Manifest.Table(table.schema(), table.name(), table.columns(), table.types(),
						table.primaryKey(), rows, stream.sha256()));
			}
			Manifest trailer = new Manifest(Manifest.FORMAT, version, header.createdAt(), node, copied,
					sequences(connection), null, null);
			writer.manifest(trailer);
			return trailer;
		}
	}

	/** The highest applied Flyway version (repeatable migrations have none). */
	static String schemaVersion(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT version FROM " + HISTORY
						+ " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
			if (!rows.next()) {
				throw new BackupException("The database has no applied migration: nothing to back up.");
			}
			return rows.getString(1);
		}
	}

	static List<Manifest.Table> tables(Connection connection) throws SQLException {
		List<Manifest.Table> tables = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(TABLES)) {
			statement.setString(1, HISTORY);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					String[] columns = (String[]) rows.getArray(3).getArray();
					String[] types = (String[]) rows.getArray(4).getArray();
					String[] key = (String[]) rows.getArray(5).getArray();
					tables.add(new Manifest.Table(rows.getString(1), rows.getString(2), List.of(columns),
							List.of(types), List.of(key), -1, null));
				}
			}
		}
		return tables;
	}

	private static List<Manifest.Sequence> sequences(Connection connection) throws SQLException {
		List<String[]> names = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(SEQUENCES)) {
			while (rows.next()) {
				names.add(new String[] { rows.getString(1), rows.getString(2) });
			}
		}
		List<Manifest.Sequence> sequences = new ArrayList<>();
		for (String[] name : names) {
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(
							"SELECT last_value, is_called FROM " + Sql.ident(name[0]) + "." + Sql.ident(name[1]))) {
				rows.next();
				sequences.add(new Manifest.Sequence(name[0], name[1], rows.getLong(1), rows.getBoolean(2)));
			}
		}
		return sequences;
	}

	static String columns(Manifest.Table table) {
		return String.join(", ", table.columns().stream().map(Sql::ident).toList());
	}

}
