package com.penguinmails.backups.internal;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.backups.BackupProperties;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The S3 target against a server speaking S3's documented shapes (upload, list, read back
 * and restore, delete), and the pre-migration backup: Flyway's callback backs a database
 * at an older version up before migrating it, and a first start (empty schema) backs
 * nothing up.
 */
@IntegrationTest
class S3AndMigrationBackupTests {

	@Autowired
	BackupEngine engine;

	@Autowired
	DataSource dataSource;

	@Autowired
	PenguinMailsProperties properties;

	@Test
	void aBackupMakesTheRoundTripThroughAnS3Bucket() throws Exception {
		try (TestS3Server server = new TestS3Server("pm-backups", "AKIATESTKEY");
				S3Target s3 = new S3Target(new BackupProperties.S3(server.endpoint(), "pm-backups", "us-east-1",
						"nightly/", "AKIATESTKEY", "test-secret", true), Path.of(properties.dataDir(), "staging"))) {
			BackupEngine toBucket = new BackupEngine(engine.crypto(), s3);
			UUID id = UUID.randomUUID();

			BackupEngine.Written written = toBucket.write(dataSource, id, Instant.parse("2026-12-02T03:00:00Z"));

			assertThat(written.location())
				.isEqualTo("s3://pm-backups/nightly/penguinmails-20261202T030000Z-" + id + ".pmbackup");
			assertThat(server.objects).containsOnlyKeys("nightly/penguinmails-20261202T030000Z-" + id + ".pmbackup");
			assertThat(server.objects.values().iterator().next()).hasSize((int) written.sizeBytes());
			assertThat(s3.list()).containsExactly(written.location());
			BackupEngine.Verification verification = toBucket.verify(dataSource, id, written.location(),
					written.manifest().rowCounts());
			assertThat(verification.ok()).as(verification.summary()).isTrue();

			s3.delete(written.location());
			assertThat(s3.list()).isEmpty();
		}
	}

	@Test
	void aPendingMigrationIsPrecededByABackupButAFirstStartIsNot() throws Exception {
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (ScratchDatabase older = ScratchDatabase.create(dataSource, "penguinmails_older_" + suffix);
				ScratchDatabase empty = ScratchDatabase.create(dataSource, "penguinmails_empty_" + suffix)) {
			LogicalRestore.migrate(older.dataSource(), MigrationVersion.fromVersion("80"));
			PreMigrationBackup callback = new PreMigrationBackup(engine);

			migrateWith(callback, older.dataSource());
			migrateWith(callback, empty.dataSource());

			List<String> rows = JdbcClient.create(older.dataSource())
				.sql("SELECT kind || ' ' || status || ' ' || schema_version FROM backups")
				.query(String.class)
				.list();
			assertThat(rows).containsExactly("pre-migration succeeded 80");
			String location = JdbcClient.create(older.dataSource())
				.sql("SELECT location FROM backups")
				.query(String.class)
				.single();
			try (InputStream in = engine.target().open(location)) {
				assertThat(new BackupFile.Reader(in, engine.crypto()).manifest().schemaVersion()).isEqualTo("80");
			}
			assertThat(JdbcClient.create(empty.dataSource())
				.sql("SELECT count(*) FROM backups")
				.query(Long.class)
				.single()).as("a first start has nothing to back up").isZero();
		}
	}

	private static void migrateWith(PreMigrationBackup callback, DataSource database) {
		Flyway.configure()
			.dataSource(database)
			.locations("classpath:db/migration")
			.callbacks(callback)
			.load()
			.migrate();
	}

}
