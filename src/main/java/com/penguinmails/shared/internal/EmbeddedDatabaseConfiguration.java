package com.penguinmails.shared.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.penguinmails.shared.PenguinMailsProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * The one DataSource: the external PostgreSQL named by {@code penguinmails.db.url}, or,
 * when that is empty, an embedded PostgreSQL server (real binaries from Maven Central)
 * whose data stays under {@code dataDir/postgres} across restarts.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	HikariDataSource dataSource(PenguinMailsProperties properties) throws IOException {
		HikariConfig config = new HikariConfig();
		config.setPoolName("penguinmails");
		config.setMaximumPoolSize(10);
		PenguinMailsProperties.Db db = properties.db();
		if (db != null && StringUtils.hasText(db.url())) {
			config.setJdbcUrl(db.url());
			config.setUsername(db.username());
			config.setPassword(db.password());
			log.info("Using external PostgreSQL at {}", db.url().replaceAll("password=[^&]*", "password=***"));
		}
		else {
			EmbeddedPostgres postgres = EmbeddedServer.acquire(Path.of(properties.dataDir(), "postgres"));
			config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
			config.setUsername("postgres");
			return new HikariDataSource(config) {

				/**
				 * The pool closes first, then the server, so shutdown never waits on a
				 * dead database.
				 */
				@Override
				public void close() {
					super.close();
					EmbeddedServer.release();
				}

			};
		}
		return new HikariDataSource(config);
	}

	/**
	 * One embedded server per JVM, shared by every application context (tests may start
	 * several), stopped when the last context using it closes. Not by a JVM shutdown hook
	 * of its own: that would race the contexts' shutdown, which then waits for
	 * connections to a server already gone.
	 */
	static final class EmbeddedServer {

		private static EmbeddedPostgres instance;

		private static int users;

		static synchronized EmbeddedPostgres acquire(Path dataDir) throws IOException {
			users++;
			if (instance == null) {
				Files.createDirectories(dataDir);
				boolean existing = Files.exists(dataDir.resolve("PG_VERSION"));
				instance = EmbeddedPostgres.builder()
					.setDataDirectory(dataDir)
					.setCleanDataDirectory(false)
					.setPGStartupWait(Duration.ofSeconds(60))
					.setRegisterShutdownHook(false)
					.start();
				log.info("Started embedded PostgreSQL on port {} with {} data under {}", instance.getPort(),
						existing ? "existing" : "new", dataDir.toAbsolutePath());
			}
			return instance;
		}

		static synchronized void release() {
			users--;
			if (users == 0 && instance != null) {
				try {
					instance.close();
				}
				catch (IOException ex) {
					log.warn("Could not stop the embedded PostgreSQL cleanly: {}", ex.getMessage());
				}
				instance = null;
			}
		}

	}

}
