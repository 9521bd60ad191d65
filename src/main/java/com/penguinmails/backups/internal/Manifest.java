package com.penguinmails.backups.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backup file holds, written inside its encryption: the header (format, Flyway
 * schema version, when, which node, each table's columns) before the data and the trailer
 * (each table's row count and the SHA-256 of its COPY stream, every sequence's value)
 * after it. Stored as JSON in the file and in {@code backups.manifest}.
 *
 * @param format the file format's version ({@value #FORMAT})
 * @param schemaVersion the Flyway schema version of the database it came from
 * @param createdAt when the snapshot was taken (ISO-8601)
 * @param node the host that took it
 * @param tables every table, in the file's order
 * @param sequences every sequence's state (format 1; a {@code pg_dump} archive holds its
 * own)
 * @param tool what wrote the data: null for format 1, e.g. {@code pg_dump 16.4} for
 * format 2
 * @param archiveSha256 format 2: hex SHA-256 of the {@code pg_dump} archive; null in the
 * header
 */
public record Manifest(int format, String schemaVersion, String createdAt, String node, List<Table> tables,
		List<Sequence> sequences, String tool, String archiveSha256) {

	/**
	 * Format 1: each table's binary {@code COPY} stream ({@link LogicalBackup}), written
	 * when no usable {@code pg_dump} is found.
	 */
	public static final int FORMAT = 1;

	/**
	 * Format 2: one {@code pg_dump --format=custom} archive ({@link PgDumpBackup}), with
	 * each table's row count taken in the same snapshot.
	 */
	public static final int PG_DUMP = 2;

	/**
	 * One table.
	 *
	 * @param schema its schema, e.g. {@code public}
	 * @param name its name
	 * @param columns the columns copied, in order (generated columns left out)
	 * @param types their SQL types ({@code format_type}), to create a table the schema
	 * version does not (one made at start-up, such as Spring Modulith's
	 * {@code event_publication})
	 * @param primaryKey its primary key's columns, for the same
	 * @param rows rows copied; -1 in the header (not known yet)
	 * @param sha256 hex SHA-256 of its binary COPY stream; null in the header
	 */
	public record Table(String schema, String name, List<String> columns, List<String> types, List<String> primaryKey,
			long rows, String sha256) {

		/** The quoted qualified name for SQL. */
		public String qualified() {
			return Sql.ident(schema) + "." + Sql.ident(name);
		}

		/**
		 * The name shown to people: the bare name in {@code public}, else schema.name.
		 */
		public String label() {
			return "public".equals(schema) ? name : schema + "." + name;
		}

	}

	/**
	 * One sequence.
	 *
	 * @param schema its schema
	 * @param name its name
	 * @param lastValue its {@code last_value}
	 * @param called its {@code is_called}
	 */
	public record Sequence(String schema, String name, long lastValue, boolean called) {
	}

	/** Rows per table label, in file order. */
	public Map<String, Long> rowCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		tables.forEach(table -> counts.put(table.label(), table.rows()));
		return counts;
	}

	/** The sum of every table's rows. */
	public long totalRows() {
		return tables.stream().mapToLong(Table::rows).sum();
	}

}
