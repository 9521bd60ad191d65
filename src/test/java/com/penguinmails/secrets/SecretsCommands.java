package com.penguinmails.secrets;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.boot.logging.LoggingSystem;

import com.penguinmails.shared.PenguinMailsProperties;

/**
 * Runs {@code java -jar penguinmails.jar secrets ...} in this JVM as an operator would
 * (its own Spring context, configured by {@code --name=value} arguments), against the
 * test database.
 */
final class SecretsCommands {

	private final String databaseUrl;

	private final Path dataDir;

	SecretsCommands(DataSource dataSource, Path dataDir) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			this.databaseUrl = connection.getMetaData().getURL();
		}
		this.dataDir = dataDir;
	}

	/** The master key the shared test context generated (base64). */
	static String sharedMasterKey(PenguinMailsProperties properties) throws java.io.IOException {
		return Files.readString(Path.of(properties.dataDir(), "master.key")).strip();
	}

	static String newKey() {
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	record Outcome(int status, String out, String err) {
	}

	/** Runs the command with these settings ({@code name=value}, without the dashes). */
	Outcome run(List<String> settings, String... command) {
		List<String> args = new ArrayList<>(List.of(command));
		args.add("--penguinmails.db.url=" + databaseUrl);
		args.add("--penguinmails.db.username=postgres");
		args.add("--penguinmails.data-dir=" + dataDir);
		settings.forEach(setting -> args.add("--" + setting));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		// The command starts an application of its own, which would set this JVM's
		// logging
		// up again and tear it down under every later test: here it leaves logging alone.
		String loggingSystem = System.getProperty(LoggingSystem.SYSTEM_PROPERTY);
		System.setProperty(LoggingSystem.SYSTEM_PROPERTY, "none");
		try {
			int status = SecretsCommand.run(args.toArray(String[]::new),
					new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8));
			return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		}
		finally {
			if (loggingSystem == null) {
				System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
			}
			else {
				System.setProperty(LoggingSystem.SYSTEM_PROPERTY, loggingSystem);
			}
		}
	}

}
