package com.penguinmails.templates.internal.lint;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.penguinmails.templates.LintUnavailable;
import com.penguinmails.templates.SpamAssassinReport;

/**
 * Runs {@code spamassassin -L -t} (local tests only, no network; {@code -t}: the report
 * appended) on a message with Bayes and auto-learning off and a fresh, throw-away user
 * state, and reads the score, the required score and the rules that hit from the report's
 * "Content analysis details" table.
 */
public final class SpamAssassinRunner {

	private static final Pattern DETAILS = Pattern
		.compile("Content analysis details:\\s*\\((-?\\d+(?:\\.\\d+)?) points, (-?\\d+(?:\\.\\d+)?) required\\)");

	private static final Pattern ROW = Pattern.compile("^\\s*(-?\\d+(?:\\.\\d+)?)\\s+([A-Z0-9_]+)\\s*(.*)$");

	private final Optional<Path> executable;

	private final Duration timeout;

	/**
	 * A runner of {@code configured} (a path), or of the {@code spamassassin} on the
	 * {@code PATH} when blank.
	 */
	public SpamAssassinRunner(String configured, Duration timeout) {
		this.executable = find(configured);
		this.timeout = timeout;
	}

	/** The executable, when installed. */
	public Optional<Path> executable() {
		return executable;
	}

	/**
	 * SpamAssassin's verdict on {@code message} (RFC 5322 bytes); empty when it is not
	 * installed.
	 * @throws LintUnavailable ({@code spamassassin-failed}) when it runs over the timeout
	 * or gives no report
	 */
	public Optional<SpamAssassinReport> run(byte[] message) {
		if (executable.isEmpty()) {
			return Optional.empty();
		}
		Path home = null;
		try {
			home = Files.createTempDirectory("penguinmails-spamassassin");
			Process process = new ProcessBuilder(executable.get().toString(), "-L", "-t", "--cf=use_bayes 0",
					"--cf=bayes_auto_learn 0", "-p", home.resolve("user_prefs").toString())
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
			try (OutputStream in = process.getOutputStream()) {
				in.write(message);
			}
			catch (IOException ex) {
				// SpamAssassin stopped reading: its output says why.
			}
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new LintUnavailable("spamassassin-failed",
						"SpamAssassin gave no answer in " + timeout.toSeconds() + " s.");
			}
			return Optional.of(parse(new String(output.join(), StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new LintUnavailable("spamassassin-failed", "SpamAssassin could not be run: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LintUnavailable("spamassassin-failed", "Interrupted while SpamAssassin ran.");
		}
		finally {
			delete(home);
		}
	}

	/**
	 * The score, required score and rules of a {@code spamassassin -t} report: the line
	 * "Content analysis details: (S points, R required)" then rows "pts RULE_NAME
	 * description" (a description may go on over indented lines) up to a blank line.
	 * @throws LintUnavailable when the report is not there
	 */
	public static SpamAssassinReport parse(String output) {
		Matcher details = DETAILS.matcher(output);
		if (!details.find()) {
			throw new LintUnavailable("spamassassin-failed", "SpamAssassin's answer holds no report.");
		}
		double score = Double.parseDouble(details.group(1));
		double required = Double.parseDouble(details.group(2));
		List<String[]> rows = new ArrayList<>();
		boolean table = false;
		for (String line : output.substring(details.end()).split("\\r?\\n")) {
			if (line.startsWith("----")) {
				table = true;
				continue;
			}
			if (!table) {
				continue;
			}
			if (line.isBlank()) {
				break;
			}
			Matcher row = ROW.matcher(line);
			if (row.matches()) {
				rows.add(new String[] { row.group(1), row.group(2), row.group(3).strip() });
			}
			else if (!rows.isEmpty()) {
				String[] last = rows.get(rows.size() - 1);
				last[2] = (last[2] + " " + line.strip()).strip();
			}
		}
		return new SpamAssassinReport(score, required,
				rows.stream().map(r -> new SpamAssassinReport.Rule(r[1], Double.parseDouble(r[0]), r[2])).toList());
	}

	private static Optional<Path> find(String configured) {
		if (configured != null && !configured.isBlank()) {
			Path path = Path.of(configured.strip());
			return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
		}
		String searchPath = System.getenv("PATH");
		if (searchPath == null) {
			return Optional.empty();
		}
		for (String dir : searchPath.split(File.pathSeparator)) {
			if (dir.isBlank()) {
				continue;
			}
			Path candidate = Path.of(dir, "spamassassin");
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	private static byte[] readAll(InputStream in) {
		try (in) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path dir) {
		if (dir == null) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary directory left behind is harmless.
		}
	}

}
