package com.penguinmails.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * A second, separate PostgreSQL server for the test JVM: the operating system's packaged
 * one ({@code /usr/lib/postgresql/<major>/bin}, Debian's {@code postgresql-15}), as an
 * "external" server for {@code pg_dump} backups. Its major version is the packaged
 * client's, so that {@code pg_dump} can dump it (the embedded test server is newer). Run
 * as {@code postgres} when the tests run as root (the server refuses root), with its data
 * in a temporary directory, TCP on a free loopback port and SCRAM passwords
 * ({@link #PASSWORD}).
 * <p>
 * Absent (no packaged server), {@link #get()} skips the test; with
 * {@code PENGUINMAILS_REQUIRE_POSTGRES=true} (as in CI) it fails instead.
 */
public final class PackagedPostgres {

	/** The superuser {@code postgres}'s password. */
	public static final String PASSWORD = "backup-test-password";

	private static final Path PACKAGES = Path.of("/usr/lib/postgresql");

	private static PackagedPostgres instance;

	private final Path dir;

	private final int port;

	private final int major;

	private final Process process;

	private final List<String> stop;

	private PackagedPostgres(Path bin, Path dir) throws IOException, InterruptedException {
		this.dir = dir;
		this.major = Integer.parseInt(bin.getParent().getFileName().toString());
		this.port = freePort();
		boolean root = "root".equals(System.getProperty("user.name"));
		Path data = dir.resolve("data");
		Files.writeString(dir.resolve("password"), PASSWORD);
		if (root) {
			UserPrincipal postgres = dir.getFileSystem()
				.getUserPrincipalLookupService()
				.lookupPrincipalByName("postgres");
			Files.setOwner(dir, postgres);
			Files.setOwner(dir.resolve("password"), postgres);
		}
		List<String> initdb = asServer(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
				"--pwfile=" + dir.resolve("password"), "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
				"--no-sync");
		Process init = new ProcessBuilder(initdb).redirectErrorStream(true)
			.redirectOutput(dir.resolve("initdb.out").toFile())
			.start();
		if (!init.waitFor(120, TimeUnit.SECONDS) || init.exitValue() != 0) {
			throw new IllegalStateException("initdb failed: " + Files.readString(dir.resolve("initdb.out")));
		}
		this.process = new ProcessBuilder(
				asServer(root, bin.resolve("postgres").toString(), "-D", data.toString(), "-p", String.valueOf(port),
						"-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"))
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("postgres.out").toFile())
			.start();
		this.stop = asServer(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "stop", "-m", "fast", "-w");
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
		awaitPort();
	}

	/**
	 * The packaged server of this test JVM, started on first use; skips the calling test
	 * when none is installed (fails instead with PENGUINMAILS_REQUIRE_POSTGRES=true).
	 */
	public static synchronized PackagedPostgres get() {
		Path bin = newestBin();
		if (bin == null && "true".equals(System.getenv("PENGUINMAILS_REQUIRE_POSTGRES"))) {
			throw new IllegalStateException(
					"PENGUINMAILS_REQUIRE_POSTGRES=true but no packaged PostgreSQL server: apt-get install postgresql-15");
		}
		Assumptions.assumeTrue(bin != null, "No packaged PostgreSQL server (apt-get install postgresql-15): skipped");
		if (instance == null) {
			try {
				instance = new PackagedPostgres(bin, Files.createTempDirectory("penguinmails-postgres"));
			}
			catch (IOException ex) {
				throw new IllegalStateException("The packaged PostgreSQL could not start: " + ex.getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return instance;
	}

	/** Its major version, e.g. 15. */
	public int major() {
		return major;
	}

	/** A JDBC URL of database {@code name} on it. */
	public String url(String name) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
	}

	/**
	 * A pool on database {@code name} as {@code postgres} with the password (close it).
	 */
	public HikariDataSource dataSource(String name) {
		HikariDataSource source = new HikariDataSource();
		source.setJdbcUrl(url(name));
		source.setUsername("postgres");
		source.setPassword(PASSWORD);
		source.setMaximumPoolSize(3);
		return source;
	}

	/**
	 * Creates database {@code name} (letters, digits, underscores), dropping a leftover.
	 */
	public void create(String name) throws java.sql.SQLException {
		try (HikariDataSource server = dataSource("postgres");
				java.sql.Connection connection = server.getConnection();
				java.sql.Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + name);
		}
	}

	/**
	 * Creates login role {@code role} (no superuser) with password {@link #PASSWORD} and
	 * database {@code name} owned by it; returns a pool on it as that role (close it).
	 */
	public HikariDataSource createOwnedBy(String name, String role) throws java.sql.SQLException {
		try (HikariDataSource server = dataSource("postgres");
				java.sql.Connection connection = server.getConnection();
				java.sql.Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			statement.execute("DROP ROLE IF EXISTS " + role);
			statement.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER PASSWORD '" + PASSWORD + "'");
			statement.execute("CREATE DATABASE " + name + " OWNER " + role);
		}
		HikariDataSource source = dataSource(name);
		source.setUsername(role);
		return source;
	}

	private static Path newestBin() {
		if (!Files.isDirectory(PACKAGES)) {
			return null;
		}
		List<Path> bins = new ArrayList<>();
		try (DirectoryStream<Path> majors = Files.newDirectoryStream(PACKAGES, "[0-9]*")) {
			majors.forEach(major -> bins.add(major.resolve("bin")));
		}
		catch (IOException ex) {
			return null;
		}
		return bins.stream()
			.filter(bin -> Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb")))
			.max(Comparator.comparingInt(bin -> Integer.parseInt(bin.getParent().getFileName().toString())))
			.orElse(null);
	}

	private static List<String> asServer(boolean root, String... command) {
		List<String> line = new ArrayList<>();
		if (root) {
			line.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		line.addAll(List.of(command));
		return line;
	}

	private void awaitPort() throws IOException, InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("postgres exited: " + Files.readString(dir.resolve("postgres.out")));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
				Thread.sleep(200);
				return;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		throw new IllegalStateException(
				"postgres did not listen within 60 s: " + Files.readString(dir.resolve("postgres.out")));
	}

	private void stop() {
		try {
			new ProcessBuilder(stop).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor(30, TimeUnit.SECONDS);
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			// killed below
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		process.destroyForcibly();
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// left in /tmp
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
