package com.penguinmails.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;

import com.penguinmails.domains.Domain;
import com.penguinmails.domains.Domains;
import com.penguinmails.domains.NewDomain;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.mailboxes.Mailboxes;
import com.penguinmails.support.Fixtures;
import com.penguinmails.support.Fixtures.Account;
import com.penguinmails.support.IntegrationTest;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Rendered;
import com.penguinmails.templates.Templates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SpamAssassin (the Debian package, its shipped rules, local tests only: {@code -L}) as a
 * receiver would run it, on a default campaign step built by the real pipeline: the
 * template rendered, tracking applied, the outbox row built by the MessageBuilder,
 * DKIM-signed and sent over SMTP. Each message scores below 1.0 (ALL_TRUSTED aside: it
 * only says the message never crossed a relay). The score and the rules that fire are
 * printed. Skipped where spamassassin is not installed, unless
 * {@code PENGUINMAILS_REQUIRE_SPAMASSASSIN=true} (as in CI), where that fails.
 */
@IntegrationTest
class SpamAssassinTests {

	static final Path SPAMASSASSIN = Path.of("/usr/bin/spamassassin");

	/** The subject the template form suggests (the product's first template). */
	static final String SUBJECT = "{Quick|Short} question, {{ first_name | default: \"there\" }}";

	/**
	 * A typical cold email: a greeting, two short paragraphs, a link, an opt-out line.
	 */
	static final String BODY = """
			<p>Hi {{ first_name | default: "there" }},</p>
			<p>I noticed {{ company | default: "your team" }} is hiring sales reps this quarter. We help
			teams like yours book more first meetings without buying lists: our customers usually see
			their reply rate double within a month.</p>
			<p>Would a 15-minute call next week be useful? Here is a two-page overview:
			<a href="https://www.example.com/overview">example.com/overview</a>.</p>
			<p>If this is not relevant, just let me know and I will not follow up
			(or <a href="{{ unsubscribe_url }}">unsubscribe here</a>).</p>
			""";

	static final String SIGNATURE = "<p>Sam Carter<br>Head of Partnerships, Example Co<br>"
			+ "<a href=\"https://www.example.com\">www.example.com</a></p>";

	static GreenMail smtp;

	@Autowired
	Outbox outbox;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	Mailboxes mailboxes;

	@Autowired
	Domains domains;

	@Autowired
	Templates templates;

	@Autowired
	TrackingLinks trackingLinks;

	@Autowired
	Fixtures fixtures;

	@BeforeAll
	static void startSmtp() {
		boolean present = Files.isExecutable(SPAMASSASSIN);
		if (!present && "true".equals(System.getenv("PENGUINMAILS_REQUIRE_SPAMASSASSIN"))) {
			throw new IllegalStateException(
					"The SpamAssassin test needs /usr/bin/spamassassin (apt-get install spamassassin)");
		}
		Assumptions.assumeTrue(present, "Skipped: /usr/bin/spamassassin missing (apt-get install spamassassin)");
		smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		smtp.setUser("sender@greenmail.test", Senders.SMTP_LOGIN, Senders.SMTP_PASSWORD);
	}

	@AfterAll
	static void stopSmtp() {
		if (smtp != null) {
			smtp.stop();
		}
	}

	@ParameterizedTest(name = "opens {0}, clicks {1}, plain text only {2}")
	@CsvSource({ "false, false, false", "true, true, false", "true, false, false", "false, false, true" })
	void aDefaultCampaignStepScoresBelowOne(boolean opens, boolean clicks, boolean plainText) throws Exception {
		Account account = fixtures.verifiedAccount("spamassassin");
		Domain domain = domains.add(account.owner(),
				new NewDomain("sa-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com", false, "", ""));
		Mailbox mailbox = Senders.mailbox(mailboxes, account.owner(), "sam@" + domain.name(), "Sam Carter",
				smtp.getSmtp().getPort(), SIGNATURE, "");
		UUID enrolment = UUID.randomUUID();
		Map<String, Object> contact = new LinkedHashMap<>();
		contact.put("email", "ada@client.example.org");
		contact.put("first_name", "Ada");
		contact.put("company", "Lovelace Analytics");
		contact.put("sender", Templates.sender(mailbox));
		contact.put("unsubscribe_url", trackingLinks.unsubscribeUrl(enrolment, 0));
		Rendered rendered = templates.render(new EmailTemplate(null, "", 0, SUBJECT, BODY, null, null), contact, "UTC");
		String html = plainText ? null : trackingLinks.rewrite(rendered.html(), enrolment, 0, opens, clicks);
		Outbox.Queued queued = Senders.enqueue(outbox,
				new OutgoingMessage(account.workspaceId(), UUID.randomUUID(), enrolment, 0, 0, mailbox.id(),
						mailbox.email(), null, "ada@client.example.org", "Ada Lovelace", rendered.subject(), html,
						rendered.text(), null, null),
				Instant.now());

		Senders.drain(dispatcher, Instant.now());

		MimeMessage received = java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
			try {
				return queued.messageId().equals(m.getMessageID());
			}
			catch (jakarta.mail.MessagingException ex) {
				return false;
			}
		}).findFirst().orElseThrow();
		assertThat(received.getHeader("DKIM-Signature")).hasSize(1);
		ByteArrayOutputStream raw = new ByteArrayOutputStream();
		received.writeTo(raw);
		Path saved = Path.of("target", "spamassassin",
				"opens-" + opens + "-clicks-" + clicks + "-plain-" + plainText + ".eml");
		Files.createDirectories(saved.getParent());
		Files.write(saved, raw.toByteArray());
		Map<String, Double> rules = spamassassin(raw.toByteArray());
		double score = rules.entrySet()
			.stream()
			.filter(rule -> !rule.getKey().equals("ALL_TRUSTED"))
			.mapToDouble(Map.Entry::getValue)
			.sum();
		System.out.printf("SPAMASSASSIN opens=%s clicks=%s plain-text=%s score=%.1f (ALL_TRUSTED aside) rules=%s%n",
				opens, clicks, plainText, score, rules);
		assertThat(score).as("SpamAssassin rules: " + rules).isLessThan(1.0);
	}

	/**
	 * The rules that fire and their points, from {@code spamassassin -L -t} (local tests
	 * only, no learning, no user state).
	 */
	static Map<String, Double> spamassassin(byte[] message) throws IOException, InterruptedException {
		Path home = Files.createTempDirectory("spamassassin");
		Process process = new ProcessBuilder(SPAMASSASSIN.toString(), "-L", "-t", "--cf=use_bayes 0",
				"--cf=bayes_auto_learn 0", "-p", home.resolve("user_prefs").toString())
			.redirectErrorStream(false)
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		try (OutputStream in = process.getOutputStream()) {
			in.write(message);
		}
		byte[] out = process.getInputStream().readAllBytes();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		String report = new String(out, StandardCharsets.UTF_8);
		// The report's table: " pts rule name description" then "-1.0 RULE_NAME ...".
		Map<String, Double> rules = new LinkedHashMap<>();
		Matcher row = Pattern.compile("(?m)^\\s*(-?\\d+(?:\\.\\d+)?)\\s+([A-Z0-9_]+)\\s")
			.matcher(report.substring(Math.max(0, report.indexOf("Content analysis details"))));
		while (row.find()) {
			rules.put(row.group(2), Double.parseDouble(row.group(1)));
		}
		assertThat(report).contains("Content analysis details");
		return rules;
	}

}
