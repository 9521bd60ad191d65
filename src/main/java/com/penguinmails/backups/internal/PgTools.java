package com.penguinmails.backups.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds PostgreSQL's own {@code pg_dump} and {@code pg_restore}: in the configured
 * directory ({@code penguinmails.backups.pg-bin-dir}) when one is set, else on the
 * {@code PATH} and in the packages' usual places ({@code /usr/lib/postgresql/<major>/bin}
 * on Debian and Ubuntu, {@code /usr/pgsql-<major>/bin} on RHEL). {@code pg_dump} refuses
 * a server of a newer major version ("server version mismatch"), so a pair is usable for
 * a server only when its major version is at least the server's; the newest such pair
 * wins.
 */
public final class PgTools {

	private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)(?:\\.(\\d+))?");

	private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

	/**
	 * A {@code pg_dump} and the {@code pg_restore} beside it.
	 *
	 * @param pgDump the {@code pg_dump} binary
	 * @param pgRestore the {@code pg_restore} binary in the same directory
	 * @param major their major version, e.g. 16
	 * @param version what {@code pg_dump --version} names, e.g. {@code 16.4}
	 */
	public record Tool(Path pgDump, Path pgRestore, int major, String version) {

		/** How a manifest names it: {@code pg_dump 16.4}. */
		public String label() {
			return "pg_dump " + version;
		}

	}

	private PgTools() {
	}

	/**
	 * The newest pair whose major version is at least {@code minMajor}, looked for in
	 * {@code configured} only when it is not null, else everywhere usual; empty when none
	 * fits.
	 */
	public static Optional<Tool> find(Path configured, int minMajor) {
		return candidates(configured).stream()
			.map(PgTools::probe)
			.flatMap(Optional::stream)
			.filter(tool -> tool.major() >= minMajor)
			.max(Comparator.comparingInt(Tool::major));
	}

	/** The major version named by {@code pg_dump 16.4} (a manifest's tool); 0 if none. */
	public static int majorOf(String label) {
		Matcher version = Pattern.compile("(\\d+)").matcher(label == null ? "" : label);
		return version.find() ? Integer.parseInt(version.group(1)) : 0;
	}

	/** Where it looked, for an error message. */
	public static String searched(Path configured) {
		return configured != null ? configured.toString() : "the PATH, /usr/lib/postgresql/*/bin and /usr/pgsql-*/bin";
	}

	private static List<Path> candidates(Path configured) {
		List<Path> dirs = new ArrayList<>();
		if (configured != null) {
			dirs.add(configured);
			return dirs;
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(java.io.File.pathSeparator)) {
				if (!dir.isEmpty()) {
					dirs.add(Path.of(dir));
				}
			}
		}
		dirs.addAll(packageDirs());
		return dirs.stream().filter(dir -> Files.isExecutable(dir.resolve("pg_dump"))).distinct().toList();
	}

	private static List<Path> packageDirs() {
		List<Path> dirs = new ArrayList<>();
		if (Files.isDirectory(DEBIAN)) {
			try (DirectoryStream<Path> majors = Files.newDirectoryStream(DEBIAN)) {
				majors.forEach(major -> dirs.add(major.resolve("bin")));
			}
			catch (IOException ex) {
				// unreadable: nothing found there
			}
		}
		try (DirectoryStream<Path> rhel = Files.newDirectoryStream(Path.of("/usr"), "pgsql-*")) {
			rhel.forEach(dir -> dirs.add(dir.resolve("bin")));
		}
		catch (IOException ex) {
			// none
		}
		return dirs;
	}

	private static Optional<Tool> probe(Path dir) {
		Path dump = dir.resolve("pg_dump");
		Path restore = dir.resolve("pg_restore");
		if (!Files.isExecutable(dump) || !Files.isExecutable(restore)) {
			return Optional.empty();
		}
		try {
			Process process = new ProcessBuilder(dump.toString(), "--version").redirectErrorStream(true).start();
			String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				return Optional.empty();
			}
			Matcher version = VERSION.matcher(printed);
			if (!version.find()) {
				return Optional.empty();
			}
			String full = version.group(2) == null ? version.group(1) : version.group(1) + "." + version.group(2);
			return Optional.of(new Tool(dump, restore, Integer.parseInt(version.group(1)), full));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

}
