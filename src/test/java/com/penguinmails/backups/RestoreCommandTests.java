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
 * replaces it with {@code --yes}; PenguinMails then starts on the restored database with
 * every row back (an API key and a contact made before the backup).
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
		String contact = Fixtures.uniqueEmail("restored-contact");
		assertThat(fixtures.api(account, "contacts:write")
			.post("/api/v1/contacts", "{\"email\":\"" + contact + "\",\"firstName\":\"Ada\"}")
			.status()).isEqualTo(201);
		String key = fixtures.apiKey(account, "contacts:read");
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

			// PenguinMails starts on the restored database, and its rows are back: the
			// API key
			// made before the backup is accepted and the contact is listed.
			assertThat(startedOn(configuration, key, contact)).isEqualTo(1);

			Outcome missing = run(configuration, "restore", "no-such-backup");
			assertThat(missing.status()).isEqualTo(1);
			assertThat(missing.err()).contains("No backup file, s3:// URL or backup id 'no-such-backup'");
			assertThat(run(configuration, "restore").status()).as("usage").isEqualTo(2);
		}
	}

	/**
	 * Starts PenguinMails on the configured database (its own web server on a free port,
	 * no sandbox, the test profile's loops off), asks its API for the contacts with
	 * {@code key}, stops it, and returns how many listed contacts have the address
	 * {@code email}.
	 */
	private static long startedOn(String[] configuration, String key, String email) throws Exception {
		String loggingSystem = System.getProperty(LOGGING_SYSTEM);
		System.setProperty(LOGGING_SYSTEM, "none");
		String[] args = java.util.stream.Stream
			.concat(java.util.Arrays.stream(configuration),
					java.util.stream.Stream.of("--spring.profiles.active=test", "--server.port=0",
							"--penguinmails.sandbox.enabled=false", "--penguinmails.tls.https-port=",
							"--penguinmails.system.heartbeat-enabled=false"))
			.toArray(String[]::new);
		org.springframework.boot.SpringApplication application = new org.springframework.boot.SpringApplication(
				com.penguinmails.PenguinMailsApplication.class);
		// As java -jar runs it: without the beans of the test sources (fixtures), which
		// the component scan finds on this class path.
		application.addInitializers(context -> context.addBeanFactoryPostProcessor(beans -> {
			org.springframework.beans.factory.support.BeanDefinitionRegistry registry = (org.springframework.beans.factory.support.BeanDefinitionRegistry) beans;
			for (String name : registry.getBeanDefinitionNames()) {
				String source = registry.getBeanDefinition(name).getResourceDescription();
				if (source != null && source.contains("test-classes")) {
					registry.removeBeanDefinition(name);
				}
			}
		}));
		try (org.springframework.context.ConfigurableApplicationContext app = application.run(args)) {
			String port = app.getEnvironment().getRequiredProperty("local.server.port");
			java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest
					.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/contacts?q="
							+ java.net.URLEncoder.encode(email, StandardCharsets.UTF_8)))
					.header("Authorization", "Bearer " + key)
					.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return response.body().split(java.util.regex.Pattern.quote("\"" + email + "\""), -1).length - 1;
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
