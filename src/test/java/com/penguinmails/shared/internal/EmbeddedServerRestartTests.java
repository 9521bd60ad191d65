package com.penguinmails.shared.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the JVM is killed (kill -9), its embedded PostgreSQL keeps running on the data
 * directory; the next start stops that orphan instead of failing, and the data is there.
 */
class EmbeddedServerRestartTests {

	@TempDir
	Path data;

	@Test
	void aServerLeftRunningByAKilledJvmIsStoppedAndTheDataKept() throws Exception {
		Path dir = data.resolve("postgres");
		Files.createDirectories(dir);
		// A first run writes data and stops; its binaries stay where they were extracted.
		EmbeddedPostgres first = EmbeddedPostgres.builder()
			.setDataDirectory(dir)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start();
		try (Connection connection = first.getPostgresDatabase().getConnection()) {
			connection.createStatement().execute("CREATE TABLE kept (id INT); INSERT INTO kept VALUES (42)");
		}
		long firstPid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).strip());
		String postgres = ProcessHandle.of(firstPid).orElseThrow().info().command().orElseThrow();
		first.close();
		// The "previous run" killed: its server goes on alone on the directory, as after
		// kill -9 of the JVM that started it.
		int port;
		try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
			port = free.getLocalPort();
		}
		java.util.List<String> command = new java.util.ArrayList<>();
		if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
			// PostgreSQL refuses root; the embedded server runs in a user namespace then.
			command.addAll(java.util.List.of("unshare", "-U"));
		}
		command.addAll(java.util.List.of(postgres, "-D", dir.toString(), "-p", String.valueOf(port)));
		Process orphan = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(data.resolve("orphan.log").toFile())
			.start();
		for (int i = 0; i < 100 && !Files.exists(dir.resolve("postmaster.pid")); i++) {
			Thread.sleep(100);
		}
		assertThat(orphan.isAlive()).isTrue();
		// The pid the file names (under unshare, the server is the wrapper's child).
		long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).strip());

		EmbeddedDatabaseConfiguration.EmbeddedServer.stopOrphan(dir);
		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

		EmbeddedPostgres restarted = EmbeddedPostgres.builder()
			.setDataDirectory(dir)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start();
		try (Connection connection = restarted.getPostgresDatabase().getConnection();
				ResultSet rs = connection.createStatement().executeQuery("SELECT id FROM kept")) {
			rs.next();
			assertThat(rs.getInt(1)).isEqualTo(42);
		}
		finally {
			restarted.close();
		}
	}

	@Test
	void aStalePidFileOrAnUnrelatedProcessIsLeftAlone() throws Exception {
		Path dir = data.resolve("stale");
		Files.createDirectories(dir);
		// This JVM's own pid: alive, but not a postgres serving this directory.
		Files.writeString(dir.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + dir + "\n");
		EmbeddedDatabaseConfiguration.EmbeddedServer.stopOrphan(dir);
		assertThat(ProcessHandle.current().isAlive()).isTrue();
		Files.writeString(dir.resolve("postmaster.pid"), "not a pid\n");
		EmbeddedDatabaseConfiguration.EmbeddedServer.stopOrphan(dir);
	}

	@Test
	void aServerStillUsedByALiveProcessIsNotTouched() throws Exception {
		Path dir = data.resolve("live");
		Files.createDirectories(dir);
		EmbeddedPostgres live = EmbeddedPostgres.builder()
			.setDataDirectory(dir)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start();
		try {
			long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).strip());
			org.assertj.core.api.Assertions
				.assertThatThrownBy(() -> EmbeddedDatabaseConfiguration.EmbeddedServer.stopOrphan(dir))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Another PenguinMails process");
			assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
		}
		finally {
			live.close();
		}
	}

}
