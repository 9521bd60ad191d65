package com.penguinmails.system.internal;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The database server itself: its size, clock and version (no feature's table).
 */
@Repository
public class InstallationQueries {

	private final JdbcClient jdbc;

	InstallationQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** {@code pg_database_size} of the current database, bytes. */
	public long databaseBytes() {
		return jdbc.sql("SELECT pg_database_size(current_database())").query(Long.class).single();
	}

	/** The database server's clock ({@code now()} outside any transaction's start). */
	public Instant databaseNow() {
		return jdbc.sql("SELECT clock_timestamp()").query(Timestamp.class).single().toInstant();
	}

	/** The server's version string, e.g. "16.4". */
	public String databaseVersion() {
		return jdbc.sql("SHOW server_version").query(String.class).single();
	}

}
