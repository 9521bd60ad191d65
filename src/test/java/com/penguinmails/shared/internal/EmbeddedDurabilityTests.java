package com.penguinmails.shared.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import com.penguinmails.shared.PenguinMailsProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL holds a user's real data: by the application's own
 * configuration it commits durably, whatever the embedded library's test defaults are.
 */
class EmbeddedDurabilityTests {

	@TempDir
	Path data;

	@Test
	void theApplicationDefaultsAskForADurableEmbeddedServer() throws Exception {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
			.forEach(environment.getPropertySources()::addLast);
		PenguinMailsProperties.Db db = Binder.get(environment)
			.bind("penguinmails.db", PenguinMailsProperties.Db.class)
			.get();

		assertThat(db.durable()).isTrue();
	}

	@Test
	void aDurableServerRunsWithFsyncSynchronousCommitAndFullPageWritesOn() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedDatabaseConfiguration.EmbeddedServer
			.builder(data.resolve("postgres"), true)
			.start()) {
			assertThat(settings(postgres)).containsEntry("fsync", "on")
				.containsEntry("synchronous_commit", "on")
				.containsEntry("full_page_writes", "on");
		}
	}

	@Test
	void onlyAnExplicitTestSettingTurnsDurabilityOff() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedDatabaseConfiguration.EmbeddedServer
			.builder(data.resolve("postgres"), false)
			.start()) {
			assertThat(settings(postgres)).containsEntry("fsync", "off").containsEntry("synchronous_commit", "off");
		}
	}

	private static Map<String, String> settings(EmbeddedPostgres postgres) throws Exception {
		Map<String, String> settings = new LinkedHashMap<>();
		try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
			for (String name : new String[] { "fsync", "synchronous_commit", "full_page_writes" }) {
				try (ResultSet rs = connection.createStatement().executeQuery("SHOW " + name)) {
					rs.next();
					settings.put(name, rs.getString(1));
				}
			}
		}
		return settings;
	}

}
