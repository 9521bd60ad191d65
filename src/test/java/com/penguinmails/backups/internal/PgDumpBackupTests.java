package com.penguinmails.backups.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.penguinmails.backups.BackupProperties;
import com.penguinmails.support.PackagedPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Backups of an external server made by PostgreSQL's own {@code pg_dump} (format 2): the
 * packaged PostgreSQL server (Debian's 15, whose {@code pg_dump} can dump it) stands for
 * the operator's server, migrated to this release's schema and holding a workspace, its
 * contacts (one row per month of partitioned tracking events) and a sequence moved on.
 * The archive is written encrypted (no {@code PGDMP} magic, no address in the clear),
 * verified by a {@code pg_restore} into a scratch database with every row counted, and
 * restored by the restore command into an empty database owned by a role that is no
 * superuser, with every row back. Without a usable {@code pg_dump}, {@code auto} falls
 * back to the logical format and {@code pg-dump} fails saying what to install. No Spring
 * context: the engine is used as the restore command uses it.
 */
class PgDumpBackupTests {

	@TempDir
	Path directory;

	@Test
	void aPgDumpArchiveIsEncryptedVerifiedAndRestoredWithEveryRowBack() throws Exception {
		PackagedPostgres server = PackagedPostgres.get();
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		server.create("pm_source_" + suffix);
		BackupEngine engine = new BackupEngine(crypto(), new DirectoryTarget(directory), BackupProperties.Format.AUTO,
				null);
		try (HikariDataSource source = server.dataSource("pm_source_" + suffix);
				HikariDataSource target = server.createOwnedBy("pm_target_" + suffix, "pm_owner_" + suffix)) {
			String email = seed(source);

			BackupEngine.Written written = engine.write(source, UUID.randomUUID(), Instant.now());

			assertThat(written.manifest().format()).isEqualTo(Manifest.PG_DUMP);
			assertThat(written.manifest().tool()).startsWith("pg_dump " + server.major() + ".");
			assertThat(written.manifest().archiveSha256()).hasSize(64);
			Map<String, Long> rows = written.manifest().rowCounts();
			assertThat(rows).containsEntry("workspaces", 1L)
				.containsEntry("contacts", 3L)
				.containsEntry("tracking_events", 2L)
				.doesNotContainKey("flyway_schema_history");
			String file = Files.readString(Path.of(written.location()), StandardCharsets.ISO_8859_1);
			assertThat(file).startsWith("PMBACKUP1\n").doesNotContain("PGDMP").doesNotContain(email);
			System.out.printf("FIGURE pg_dump backup: %d bytes, %d rows, written in %d ms by %s%n", written.sizeBytes(),
					written.manifest().totalRows(), written.duration().toMillis(), written.manifest().tool());

			BackupEngine.Verification verification = engine.verify(source, UUID.randomUUID(), written.location(), rows);
			assertThat(verification.ok()).as(verification.summary()).isTrue();
			assertThat(verification.summary()).startsWith("Row counts matched (" + rows.size() + " tables");

			ByteArrayOutputStream printed = new ByteArrayOutputStream();
			LogicalRestore.Result result = new Restorer(engine, target, new PrintStream(printed, true))
				.restore(written.location(), false);
			assertThat(result.rows()).isEqualTo(rows);
			assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Restored ").contains("contacts");
			JdbcClient restored = JdbcClient.create(target);
			JdbcClient original = JdbcClient.create(source);
			assertThat(restored.sql("SELECT first_name FROM contacts WHERE email = ?")
				.param(email)
				.query(String.class)
				.single()).isEqualTo("Ada");
			assertThat(restored.sql("SELECT last_value FROM audit_events_id_seq").query(Long.class).single())
				.isEqualTo(original.sql("SELECT last_value FROM audit_events_id_seq").query(Long.class).single());
			assertThat(restored.sql("SELECT count(*) FROM ONLY tracking_events").query(Long.class).single())
				.as("partitioned rows are in their partitions")
				.isZero();
			assertThat(result.migratedTo()).isEqualTo(
					original.sql("SELECT max(version::int)::text FROM flyway_schema_history WHERE version ~ '^[0-9]+$'")
						.query(String.class)
						.single());

			assertThatThrownBy(() -> new Restorer(engine, target, new PrintStream(new ByteArrayOutputStream()))
				.restore(written.location(), false)).isInstanceOf(BackupException.class).hasMessageContaining("--yes");
		}
	}

	@Test
	void withoutAUsablePgDumpAutoWritesTheLogicalFormatAndPgDumpSaysWhatToInstall() throws Exception {
		PackagedPostgres server = PackagedPostgres.get();
		String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		server.create("pm_nodump_" + suffix);
		Path empty = Files.createDirectories(directory.resolve("no-tools"));
		try (HikariDataSource source = server.dataSource("pm_nodump_" + suffix)) {
			seed(source);
			BackupEngine auto = new BackupEngine(crypto(), new DirectoryTarget(directory.resolve("auto")),
					BackupProperties.Format.AUTO, empty);
			assertThat(auto.nextFormat(source)).startsWith(
					"the built-in copy: no pg_dump of PostgreSQL " + server.major() + " or newer is in " + empty);
			assertThat(auto.write(source, UUID.randomUUID(), Instant.now()).manifest().format())
				.isEqualTo(Manifest.FORMAT);
			assertThat(new BackupEngine(crypto(), new DirectoryTarget(directory), BackupProperties.Format.AUTO, null)
				.nextFormat(source)).startsWith("pg_dump " + server.major() + ".");

			BackupEngine required = new BackupEngine(crypto(), new DirectoryTarget(directory.resolve("required")),
					BackupProperties.Format.PG_DUMP, empty);
			assertThatThrownBy(() -> required.write(source, UUID.randomUUID(), Instant.now()))
				.isInstanceOf(BackupException.class)
				.hasMessageContaining("no pg_dump of PostgreSQL " + server.major() + " or newer")
				.hasMessageContaining("postgresql-client-" + server.major());
			assertThat(required.nextFormat(source)).startsWith("nothing: backups fail");
		}
		assertThat(PgTools.find(null, server.major())).hasValueSatisfying(tool -> {
			assertThat(tool.major()).isGreaterThanOrEqualTo(server.major());
			assertThat(tool.pgRestore()).isExecutable();
		});
		assertThat(PgTools.find(null, 99)).as("no pg_dump dumps a server of a major version it predates").isEmpty();
	}

	/** Migrates {@code source} and adds rows; returns the seeded contact's address. */
	private static String seed(HikariDataSource source) throws java.sql.SQLException {
		LogicalRestore.migrate(source, MigrationVersion.LATEST);
		JdbcClient jdbc = JdbcClient.create(source);
		UUID workspace = UUID.randomUUID();
		String email = "pgdump-" + UUID.randomUUID().toString().substring(0, 8) + "@client.test";
		jdbc.sql("INSERT INTO workspaces (id, name) VALUES (?, 'Dumped')").param(workspace).update();
		for (String address : new String[] { email, "second-" + email, "third-" + email }) {
			jdbc.sql("INSERT INTO contacts (id, workspace_id, email, first_name) VALUES (?, ?, ?, 'Ada')")
				.params(UUID.randomUUID(), workspace, address)
				.update();
		}
		for (String at : new String[] { "2026-10-20T10:00:00Z", "2026-11-15T08:00:00Z" }) {
			jdbc.sql("""
					INSERT INTO tracking_events (id, workspace_id, outbox_id, kind, occurred_at, machine)
					VALUES (?, ?, ?, 'open', ?, false)""")
				.params(UUID.randomUUID(), workspace, UUID.randomUUID(), Timestamp.from(Instant.parse(at)))
				.update();
		}
		jdbc.sql("SELECT setval('audit_events_id_seq', 4242)").query(Long.class).single();
		return email;
	}

	private static BackupCrypto crypto() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return new BackupCrypto(key);
	}

}
