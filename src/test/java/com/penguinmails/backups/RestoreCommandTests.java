package com.penguinmails.backups;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.backups.internal.ScratchDatabase;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar penguinmails.jar restore <backup>} end to end, as an operator runs it:
 * its own Spring context from the configuration given on the command line (an external
 * database URL: a new database on the test server; the test's data directory, for its
 * master key), the backup found by id in the backups directory. It restores into an empty
 * database, then refuses that database (now holding data) without {@code --yes}, and
 * replaces it with {@code --yes}.
 */
@IntegrationTest
class RestoreCommandTests {

	@Autowired
	Backups backups;

	@Autowired
	DataSource dataSource;

	@Autowired
	PenguinMailsProperties properties;

	@Autowired
	Fixtures fixtures;

	@Test
	void restoresByIdIntoAnEmptyDatabaseAndReplacesOneHoldingDataOnlyWithYes() throws Exception {
		Fixtures.Account account = fixtures.verifiedAccount("restore-command");
		Backup backup = backups.takeNow("manual");
		assertThat(backup.status()).as(backup.error()).isEqualTo("succeeded");
		String name = "penguinmails_command_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (ScratchDatabase target = ScratchDatabase.create(dataSource, name)) {
			String url;
			try (Connection connection = target.dataSource().getConnection()) {
				url = connection.getMetaData().getURL();
			}
			String[] configuration = { "--penguinmails.db.url=" + url, "--penguinmails.db.username=postgres",
					"--penguinmails.data-dir=" + properties.dataDir() };

			Outcome first = run(configuration, "restore", backup.id().toString());
			assertThat(first.status()).as(first.err()).isZero();
			assertThat(first.out()).contains("Restored").containsPattern("contacts\\s+[0-9,]+ rows");
			JdbcClient restored = JdbcClient.create(target.dataSource());
			assertThat(restored.sql("SELECT count(*) FROM users WHERE email = ?")
				.param(account.email())
				.query(Long.class)
				.single()).isEqualTo(1);

			Outcome refused = run(configuration, "restore", backup.location());
			assertThat(refused.status()).isEqualTo(1);
			assertThat(refused.err()).contains("holds data").contains("--yes");

			Outcome replaced = run(configuration, "restore", backup.location(), "--yes");
			assertThat(replaced.status()).as(replaced.err()).isZero();
			assertThat(restored.sql("SELECT count(*) FROM users").query(Long.class).single())
				.isEqualTo(fixtures.jdbc().sql("SELECT count(*) FROM users").query(Long.class).single());

			Outcome missing = run(configuration, "restore", "no-such-backup");
			assertThat(missing.status()).isEqualTo(1);
			assertThat(missing.err()).contains("No backup file, s3:// URL or backup id 'no-such-backup'");
			assertThat(run(configuration, "restore").status()).as("usage").isEqualTo(2);
		}
	}

	/** Spring Boot's switch for the logging system an application sets up. */
	static final String LOGGING_SYSTEM = org.springframework.boot.logging.LoggingSystem.SYSTEM_PROPERTY;

	record Outcome(int status, String out, String err) {
	}

	private static Outcome run(String[] configuration, String... command) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		String[] args = new String[command.length + configuration.length];
		System.arraycopy(command, 0, args, 0, command.length);
		System.arraycopy(configuration, 0, args, command.length, configuration.length);
		// The command starts an application of its own, which would set this JVM's
		// logging
		// up again and, once closed, tear it down under every later test (their console
		// output went missing): here it leaves logging alone, as it runs in its own JVM.
		String loggingSystem = System.getProperty(LOGGING_SYSTEM);
		System.setProperty(LOGGING_SYSTEM, "none");
		try {
			int status = RestoreCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
					new PrintStream(err, true, StandardCharsets.UTF_8));
			return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
		}
		finally {
			if (loggingSystem == null) {
				System.clearProperty(LOGGING_SYSTEM);
			}
			else {
				System.setProperty(LOGGING_SYSTEM, loggingSystem);
			}
		}
	}

}
