package com.penguinmails.backups.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import org.postgresql.ds.common.BaseDataSource;

/**
 * How PostgreSQL's command-line tools reach the database a JDBC connection is open on:
 * the JDBC URL's hosts, ports and database become a libpq connection URI (PostgreSQL
 * "Connection Strings" §34.1.1.2), the user and password go into {@code PGUSER} and
 * {@code PGPASSWORD} (§34.15), and the URL's {@code sslmode} into {@code PGSSLMODE}.
 *
 * @param uri e.g. {@code postgresql://db1:5432,db2:5432/penguinmails}
 * @param user the user name
 * @param password the password, or null
 * @param sslMode the JDBC URL's {@code sslmode}, or null
 */
record Libpq(String uri, String user, String password, String sslMode) {

	private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/?]*)/([^?]*)(?:\\?(.*))?$");

	/**
	 * What reaches the database {@code connection}, opened from {@code source}, is on.
	 */
	static Libpq of(Connection connection, DataSource source) throws SQLException {
		String url = connection.getMetaData().getURL();
		Matcher parts = URL.matcher(url);
		if (!parts.matches()) {
			throw new BackupException("Cannot tell the database server from " + url);
		}
		String database = URLDecoder.decode(parts.group(2), StandardCharsets.UTF_8);
		String sslMode = null;
		String password = password(source);
		if (parts.group(3) != null) {
			for (String parameter : parts.group(3).split("&")) {
				String[] pair = parameter.split("=", 2);
				if (pair.length == 2 && "sslmode".equals(pair[0])) {
					sslMode = URLDecoder.decode(pair[1], StandardCharsets.UTF_8);
				}
				if (pair.length == 2 && "password".equals(pair[0]) && password == null) {
					password = URLDecoder.decode(pair[1], StandardCharsets.UTF_8);
				}
			}
		}
		String uri = "postgresql://" + parts.group(1) + "/"
				+ URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
		return new Libpq(uri, connection.getMetaData().getUserName(), password, sslMode);
	}

	/** {@code tool} and {@code arguments}, then {@code --dbname=<uri>}. */
	List<String> command(String tool, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(tool);
		command.addAll(List.of(arguments));
		command.add("--dbname=" + uri);
		return command;
	}

	/**
	 * Sets the tool's environment: user, password and TLS mode; PenguinMails' own
	 * settings (the master key among them) are not passed on.
	 */
	void environment(Map<String, String> environment) {
		environment.keySet().removeIf(name -> name.startsWith("PENGUINMAILS_"));
		environment.put("PGUSER", user);
		environment.remove("PGPASSWORD");
		if (password != null) {
			environment.put("PGPASSWORD", password);
		}
		if (sslMode != null) {
			environment.put("PGSSLMODE", sslMode);
		}
	}

	@Override
	public String toString() {
		return "Libpq[" + uri + ", user " + user + "]";
	}

	private static String password(DataSource source) {
		if (source instanceof HikariConfig hikari) {
			return hikari.getPassword();
		}
		if (source instanceof BaseDataSource simple) {
			return simple.getPassword();
		}
		return null;
	}

}
