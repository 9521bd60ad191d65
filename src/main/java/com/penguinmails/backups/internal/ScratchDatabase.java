package com.penguinmails.backups.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database created next to the application's own on the same server (same credentials),
 * for verifying a backup or a test restore; dropped on close, its connections ended first
 * ({@code DROP DATABASE ... WITH (FORCE)}, PostgreSQL 13+).
 */
public final class ScratchDatabase implements AutoCloseable {

	private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*/)([^?]*)(.*)$");

	private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,63}");

	private final DataSource server;

	private final String name;

	private final PGSimpleDataSource database;

	private ScratchDatabase(DataSource server, String name, PGSimpleDataSource database) {
		this.server = server;
		this.name = name;
		this.database = database;
	}

	/**
	 * Creates the database {@code name} (lower-case letters, digits, underscores) on the
	 * server of {@code server}, dropping a leftover of that name first.
	 */
	public static ScratchDatabase create(DataSource server, String name) throws SQLException {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("Not a scratch database name: " + name);
		}
		PGSimpleDataSource database = new PGSimpleDataSource();
		try (Connection connection = server.getConnection(); Statement statement = connection.createStatement()) {
			Matcher url = URL.matcher(connection.getMetaData().getURL());
			if (!url.matches()) {
				throw new BackupException("Cannot tell the database server from " + connection.getMetaData().getURL());
			}
			database.setURL(url.group(1) + name + url.group(3));
			database.setUser(connection.getMetaData().getUserName());
			if (server instanceof HikariConfig hikari && hikari.getPassword() != null) {
				database.setPassword(hikari.getPassword());
			}
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + name);
		}
		return new ScratchDatabase(server, name, database);
	}

	public DataSource dataSource() {
		return database;
	}

	public String name() {
		return name;
	}

	@Override
	public void close() throws SQLException {
		try (Connection connection = server.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
		}
	}

}
