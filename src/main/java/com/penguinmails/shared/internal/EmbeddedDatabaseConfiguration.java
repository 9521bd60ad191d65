package com.penguinmails.shared.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
			EmbeddedPostgres postgres = EmbeddedServer.acquire(Path.of(properties.dataDir(), "postgres"),
					db == null || db.durable());
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

		private static CompletableFuture<EmbeddedPostgres> early;

		private static Path earlyDir;

		private static boolean earlyDurable;

		static synchronized EmbeddedPostgres acquire(Path dataDir, boolean durable) throws IOException {
			users++;
			if (instance == null) {
				instance = takeEarly(dataDir, durable);
			}
			if (instance == null) {
				instance = start(dataDir, durable);
			}
			return instance;
		}

		/**
		 * Starts the server on another thread while the application context is built
		 * ({@link EmbeddedDatabaseEarlyStart}): {@link #acquire} then waits for it. Does
		 * nothing when a server runs or is starting already.
		 */
		static synchronized void startEarly(Path dataDir, boolean durable) {
			if (instance != null || early != null) {
				return;
			}
			earlyDir = dataDir.toAbsolutePath().normalize();
			earlyDurable = durable;
			early = CompletableFuture.supplyAsync(() -> {
				try {
					return start(dataDir, durable);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, task -> {
				Thread thread = new Thread(task, "embedded-postgres-start");
				thread.setDaemon(true);
				thread.start();
			});
		}

		/**
		 * The server started early, once it answers; null when none was started or it
		 * serves another directory or durability than asked (then it is stopped).
		 */
		private static EmbeddedPostgres takeEarly(Path dataDir, boolean durable) throws IOException {
			if (early == null) {
				return null;
			}
			CompletableFuture<EmbeddedPostgres> starting = early;
			early = null;
			EmbeddedPostgres started;
			try {
				started = starting.join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof UncheckedIOException io) {
					throw io.getCause();
				}
				throw ex;
			}
			if (earlyDir.equals(dataDir.toAbsolutePath().normalize()) && earlyDurable == durable) {
				return started;
			}
			started.close();
			return null;
		}

		/**
		 * Stops a server started early that no context took (the application failed
		 * before it needed its database).
		 */
		static synchronized void abandonEarly() {
			if (early == null) {
				return;
			}
			CompletableFuture<EmbeddedPostgres> starting = early;
			early = null;
			try {
				starting.join().close();
			}
			catch (IOException | RuntimeException ex) {
				log.warn("Could not stop the embedded PostgreSQL started early: {}", ex.getMessage());
			}
		}

		private static EmbeddedPostgres start(Path dataDir, boolean durable) throws IOException {
			Files.createDirectories(dataDir);
			stopOrphan(dataDir);
			boolean existing = Files.exists(dataDir.resolve("PG_VERSION"));
			long begin = System.nanoTime();
			EmbeddedPostgres started = builder(dataDir, durable).start();
			log.info("Started embedded PostgreSQL on port {} with {} data under {} ({}) in {} ms", started.getPort(),
					existing ? "existing" : "new", dataDir.toAbsolutePath(),
					durable ? "durable: fsync, synchronous_commit and full_page_writes on"
							: "NOT durable: fsync off, for tests only",
					(System.nanoTime() - begin) / 1_000_000);
			return started;
		}

		/**
		 * The server's settings. The library's defaults are a test database's
		 * ({@code synchronous_commit=off}); ours hold a user's data, so every commit
		 * reaches the disk before it is acknowledged unless {@code durable} is false.
		 */
		static EmbeddedPostgres.Builder builder(Path dataDir, boolean durable) {
			String on = durable ? "on" : "off";
			return EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(false)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setRegisterShutdownHook(false)
				.setServerConfig("fsync", on)
				.setServerConfig("synchronous_commit", on)
				.setServerConfig("full_page_writes", on);
		}

		/**
		 * A JVM killed without a chance to stop its embedded server (kill -9, a power cut
		 * of the JVM only) leaves that server running on the data directory, and a new
		 * server refuses to start there. Such an orphan (the process named in
		 * {@code postmaster.pid}, a postgres serving this very directory) is asked to
		 * stop, then killed if it has not within 30 s; PostgreSQL's crash recovery makes
		 * either safe. A stale file naming no live process is left to PostgreSQL.
		 */
		static void stopOrphan(Path dataDir) {
			Path pidFile = dataDir.resolve("postmaster.pid");
			long pid;
			try {
				if (!Files.exists(pidFile)) {
					return;
				}
				pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
			}
			catch (IOException | RuntimeException ex) {
				return;
			}
			ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter(process -> process.info()
					.commandLine()
					.map(line -> line.contains("postgres") && line.contains(dataDir.toString()))
					.orElse(false))
				.ifPresent(orphan -> {
					if (inUse(dataDir)) {
						throw new IllegalStateException(
								"Another PenguinMails process is using the embedded database in "
										+ dataDir.toAbsolutePath()
										+ "; stop it, or give this one its own PENGUINMAILS_DATA_DIR (several nodes need an "
										+ "external PostgreSQL: PENGUINMAILS_DB_URL).");
					}
					log.warn("Stopping the embedded PostgreSQL (pid {}) left running on {} by a previous run", pid,
							dataDir.toAbsolutePath());
					orphan.destroy();
					try {
						orphan.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
					}
					catch (java.util.concurrent.TimeoutException ex) {
						orphan.destroyForcibly();
						orphan.onExit().join();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					catch (java.util.concurrent.ExecutionException ex) {
						// It is gone either way.
					}
				});
		}

		/**
		 * Whether a live process still holds the embedded server's lock file (the library
		 * locks it while it runs the server): then the server is not an orphan.
		 */
		static boolean inUse(Path dataDir) {
			Path lock = dataDir.resolve("epg-lock");
			if (!Files.exists(lock)) {
				return false;
			}
			try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lock,
					java.nio.file.StandardOpenOption.WRITE)) {
				java.nio.channels.FileLock held = channel.tryLock();
				if (held == null) {
					return true;
				}
				held.release();
				return false;
			}
			catch (java.nio.channels.OverlappingFileLockException ex) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
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
