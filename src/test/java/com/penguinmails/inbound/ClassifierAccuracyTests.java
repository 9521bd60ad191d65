package com.penguinmails.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.penguinmails.inbound.internal.BouncedRecipient;
import com.penguinmails.inbound.internal.Classification;
import com.penguinmails.inbound.internal.Classification.Kind;
import com.penguinmails.inbound.internal.InboundClassifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classifier's published accuracy: every message of the corpus under
 * {@code src/test/resources/inbound/classifier} (real bounces, complaints and
 * auto-replies from dozens of mail systems, anonymised; see its README) is classified and
 * compared with its expected kind, reason and action. Prints precision and recall per
 * reason and the confusion of actions; fails below 95% correct actions
 * (suppress/retry/block/complaint/none) or on any false suppression (a good address
 * suppressed).
 */
class ClassifierAccuracyTests {

	private static final String CORPUS = "/inbound/classifier/";

	private static final List<String> MANIFESTS = List.of("expected.tsv", "expected-b.tsv", "expected-c.tsv");

	@Test
	void classifiesTheCorpusWithPublishedAccuracy() throws Exception {
		List<Row> rows = rows();
		Map<String, int[]> byReason = new TreeMap<>();
		Map<String, Integer> actions = new TreeMap<>();
		List<String> wrong = new ArrayList<>();
		List<String> falseSuppressions = new ArrayList<>();
		int correctActions = 0;
		int correctReasons = 0;
		int bounces = 0;
		for (Row row : rows) {
			Outcome outcome = classify(row.file());
			boolean actionOk = outcome.action().equals(row.action());
			correctActions += actionOk ? 1 : 0;
			actions.merge(row.action() + " -> " + outcome.action(), 1, Integer::sum);
			if (outcome.action().equals("suppress") && !row.action().equals("suppress")) {
				falseSuppressions.add(row.file() + " (expected " + row.reason() + ", got " + outcome.reason() + ")");
			}
			if (row.kind().equals("bounce")) {
				bounces++;
				// [true positives, expected, predicted]
				byReason.computeIfAbsent(row.reason(), (k) -> new int[3])[1]++;
				String predicted = outcome.kind().equals("bounce") ? outcome.reason() : "(not a bounce)";
				byReason.computeIfAbsent(predicted, (k) -> new int[3])[2]++;
				if (row.reason().equals(outcome.reason())) {
					byReason.get(row.reason())[0]++;
					correctReasons++;
				}
			}
			if (!actionOk || (row.kind().equals("bounce") && !row.reason().equals(outcome.reason()))) {
				wrong.add(String.format(Locale.ROOT, "%-40s expected %-9s %-9s %-17s got %-9s %-9s %-17s %s",
						row.file(), row.kind(), row.action(), row.reason(), outcome.kind(), outcome.action(),
						outcome.reason(), outcome.detail()));
			}
		}
		StringBuilder report = new StringBuilder();
		report.append(
				String.format(Locale.ROOT, "%nInbound classifier on %d messages (%d bounces)%n", rows.size(), bounces));
		report.append(
				String.format(Locale.ROOT, "correct actions: %d/%d = %.1f%%; bounce reasons right: %d/%d = %.1f%%%n",
						correctActions, rows.size(), 100.0 * correctActions / rows.size(), correctReasons, bounces,
						100.0 * correctReasons / Math.max(1, bounces)));
		report.append(String.format(Locale.ROOT, "%-18s %9s %9s %9s%n", "reason", "expected", "precision", "recall"));
		byReason.forEach((reason, counts) -> report.append(String.format(Locale.ROOT, "%-18s %9d %9s %9s%n", reason,
				counts[1], percent(counts[0], counts[2]), percent(counts[0], counts[1]))));
		report.append("actions (expected -> got):\n");
		actions.forEach((pair, count) -> report.append(String.format(Locale.ROOT, "  %-24s %d%n", pair, count)));
		report.append("differences:\n");
		wrong.forEach((line) -> report.append("  ").append(line).append('\n'));
		System.out.println(report);

		assertThat(rows).hasSizeGreaterThanOrEqualTo(150);
		assertThat(falseSuppressions).as("good addresses suppressed").isEmpty();
		assertThat(100.0 * correctActions / rows.size()).as("correct actions (%)").isGreaterThanOrEqualTo(95.0);
	}

	private static String percent(int part, int whole) {
		return (whole == 0) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
	}

	private static Outcome classify(String file) throws IOException, MessagingException {
		MimeMessage message;
		try (InputStream in = ClassifierAccuracyTests.class.getResourceAsStream(CORPUS + file)) {
			assertThat(in).as(file).isNotNull();
			message = new MimeMessage(Session.getInstance(new Properties()), in);
		}
		Classification classification = InboundClassifier.classify(message);
		return switch (classification.kind()) {
			case BOUNCE -> {
				if (classification.bounces().isEmpty()) {
					yield new Outcome("bounce", "retry", "undefined", "no recipient");
				}
				BouncedRecipient first = classification.bounces().get(0);
				String action = switch (first.bounceAction()) {
					case SUPPRESS -> "suppress";
					case RETRY -> "retry";
					case BLOCK -> "block";
				};
				yield new Outcome("bounce", action, first.reason().key(),
						first.status() + " " + first.replyCode() + " " + clip(first.diagnostic()));
			}
			case COMPLAINT -> new Outcome("complaint", "complaint", "-", "");
			case AUTO_REPLY -> new Outcome("auto_reply", "none", "-", classification.autoReplyReason());
			case UNSUBSCRIBE, MESSAGE ->
				new Outcome(classification.kind() == Kind.MESSAGE ? "message" : "unsubscribe", "none", "-", "");
		};
	}

	private static String clip(String text) {
		if (text == null) {
			return "";
		}
		String flat = text.replaceAll("\\s+", " ");
		return flat.length() > 90 ? flat.substring(0, 90) : flat;
	}

	/**
	 * The expectations of every manifest, each file once (the first manifest naming it
	 * wins).
	 */
	private static List<Row> rows() throws IOException {
		Map<String, Row> rows = new java.util.LinkedHashMap<>();
		for (String manifest : MANIFESTS) {
			try (InputStream in = ClassifierAccuracyTests.class.getResourceAsStream(CORPUS + manifest)) {
				assertThat(in).as(manifest).isNotNull();
				String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\r?\n");
				for (int i = 1; i < lines.length; i++) {
					if (lines[i].isBlank() || lines[i].startsWith("#")) {
						continue;
					}
					String[] cells = lines[i].split("\t");
					rows.putIfAbsent(cells[0].strip(),
							new Row(cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[3].strip()));
				}
			}
		}
		return new ArrayList<>(rows.values());
	}

	private record Row(String file, String kind, String reason, String action) {
	}

	private record Outcome(String kind, String action, String reason, String detail) {
	}

}
