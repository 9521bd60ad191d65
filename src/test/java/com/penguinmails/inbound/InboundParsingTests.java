package com.penguinmails.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.penguinmails.inbound.internal.BouncedRecipient;
import com.penguinmails.inbound.internal.Classification;
import com.penguinmails.inbound.internal.Classification.Kind;
import com.penguinmails.inbound.internal.Complaint;
import com.penguinmails.inbound.internal.InboundClassifier;
import com.penguinmails.inbound.internal.Original;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The inbound classifier against a corpus of bounces (RFC 3464 and providers' own texts),
 * complaints (ARF), auto-replies, unsubscribes, replies and broken messages, each with
 * its expected classification in {@code expected.csv}.
 */
class InboundParsingTests {

	private static final String CORPUS = "/inbound/corpus/";

	@ParameterizedTest(name = "{0}")
	@MethodSource("expectations")
	void classifiesEveryCorpusMessageAsExpected(String file, Expectation expected) {
		Classification classification = classify(file);

		assertThat(classification.kind()).isEqualTo(expected.kind());
		if (expected.kind() == Kind.BOUNCE) {
			assertThat(classification.bounces()).isNotEmpty();
			BouncedRecipient first = classification.bounces().get(0);
			assertThat(first.address()).isEqualTo(expected.address());
			assertThat(first.type()).isEqualTo(expected.type());
			assertThat(first.status()).isEqualTo(expected.status());
		}
		else {
			assertThat(classification.bounces()).isEmpty();
		}
		if (expected.kind() == Kind.COMPLAINT) {
			assertThat(classification.complaint().originalRecipient()).isEqualTo(expected.address());
			assertThat(classification.complaint().feedbackType()).isEqualTo(expected.type());
		}
		else {
			assertThat(classification.complaint()).isNull();
		}
		if (expected.penguinId() == null && expected.messageId() == null) {
			assertThat(classification.original()).satisfiesAnyOf((original) -> assertThat(original).isNull(),
					(original) -> assertThat(original.penguinId()).isNull());
		}
		else {
			assertThat(classification.original().penguinId()).isEqualTo(expected.penguinId());
			assertThat(classification.original().messageId()).isEqualTo(expected.messageId());
		}
		if (!file.startsWith("broken-")) {
			assertThat(classification.problems()).isEmpty();
		}
	}

	@Test
	void corpusHasAtLeastTwentyMessagesEachWithAnExpectation() throws Exception {
		List<String> files;
		try (Stream<Path> paths = Files.list(Path.of(InboundParsingTests.class.getResource(CORPUS).toURI()))) {
			files = paths.map((path) -> path.getFileName().toString()).filter((name) -> name.endsWith(".eml")).toList();
		}
		List<String> expected = expectations().map((arguments) -> (String) arguments[0]).toList();

		assertThat(files).hasSizeGreaterThanOrEqualTo(20);
		assertThat(expected).containsExactlyInAnyOrderElementsOf(files);
	}

	@Test
	void prefersTheDiagnosticCodeWhenItIsMoreSpecificThanTheStatus() {
		BouncedRecipient bounce = classify("dsn-status-5.0.0-diagnostic-5.1.1.eml").bounces().get(0);

		assertThat(bounce.status()).isEqualTo("5.1.1");
		assertThat(bounce.type()).isEqualTo("hard");
		assertThat(bounce.diagnostic()).startsWith("550 5.1.1 judy@example.net").endsWith("No such user");
	}

	@Test
	void delayedRecipientIsASoftBounce() {
		BouncedRecipient bounce = classify("dsn-delayed-4.2.2.eml").bounces().get(0);

		assertThat(bounce.action()).isEqualTo("delayed");
		assertThat(bounce.type()).isEqualTo("soft");
	}

	@Test
	void reportOfDeliveriesOnlyIsNotABounce() {
		Classification classification = classify("dsn-delivered-only.eml");

		assertThat(classification.kind()).isEqualTo(Kind.MESSAGE);
		assertThat(classification.bounces()).isEmpty();
		assertThat(classification.problems()).isEmpty();
	}

	@Test
	void reportOfSeveralRecipientsBouncesOnlyTheFailedOne() {
		List<BouncedRecipient> bounces = classify("dsn-multiple-recipients.eml").bounces();

		assertThat(bounces).extracting(BouncedRecipient::address).containsExactly("grace@example.com");
		assertThat(bounces.get(0).action()).isEqualTo("failed");
	}

	@Test
	void nonStandardBounceNamesEachRecipientWithItsOwnReply() {
		List<BouncedRecipient> bounces = classify("qmail-failure-notice-two-recipients.eml").bounces();

		assertThat(bounces).extracting(BouncedRecipient::address, BouncedRecipient::status, BouncedRecipient::type)
			.containsExactly(tuple("walter@example.net", "5.1.1", "hard"), tuple("xena@example.net", "5.2.2", "soft"));
	}

	@Test
	void readsTheRemoteServersReplyOutOfAnExchangeNotice() {
		BouncedRecipient bounce = classify("outlook-undeliverable-5.7.1-blocked.eml").bounces().get(0);

		assertThat(bounce.diagnostic()).startsWith("Remote Server returned '550 5.7.1 Service unavailable")
			.contains("blocked using Spamhaus");
	}

	@Test
	void readsTheFeedbackReportFields() {
		Classification classification = classify("arf-yahoo-abuse.eml");

		assertThat(classification.complaint()).isEqualTo(new Complaint("abuse", "Yahoo!-Mail-Feedback/2.0",
				"zoe.reader@yahoo.com", "198.51.100.7", "Mon, 06 May 2024 19:58:12 +0000"));
		assertThat(classification.original()).isEqualTo(new Original("<20240506195810.f7a8b9@outreach.example>",
				"e8f90a1b-2c3d-4e45-b6f7-08192a3b4c5d", "zoe.reader@yahoo.com", "Exclusive offer for your team"));
	}

	@Test
	void jmrpReportNamesTheRecipientInTheAttachedOriginal() {
		Complaint complaint = classify("arf-microsoft-jmrp.eml").complaint();

		assertThat(complaint.originalRecipient()).isEqualTo("abby.k@hotmail.com");
		assertThat(complaint.userAgent()).isEqualTo("Hotmail FBL");
	}

	@Test
	void decodesTheOriginalsSubjectAndAddress() {
		Original original = classify("dsn-rfc822-headers-original.eml").original();

		assertThat(original.subject()).isEqualTo("Café meeting next week?");
		assertThat(original.to()).isEqualTo("ivan@no-such-domain.example");
	}

	@Test
	void keepsWhatAPartlyQuotedOriginalHas() {
		Original original = classify("outlook-undeliverable-5.7.1-blocked.eml").original();

		assertThat(original).isEqualTo(
				new Original("<20240427140457.c8d9e0@outreach.example>", null, null, "Exclusive offer for your team"));
	}

	@Test
	void bounceThatQuotesNothingHasNoOriginal() {
		assertThat(classify("gmail-legacy-permanent-failure.eml").original()).isNull();
	}

	@Test
	void autoSubmittedNoIsNotAnAutoReply() {
		Classification classification = classify(message("""
				From: Oscar <oscar@example.com>
				To: alice@outreach.example
				Subject: Re: Team intro
				Auto-Submitted: no
				X-Auto-Response-Suppress: All

				Sounds good, let's talk on Friday.
				"""));

		assertThat(classification.kind()).isEqualTo(Kind.MESSAGE);
		assertThat(classification.autoReplyReason()).isNull();
	}

	@Test
	void namesTheRuleThatMadeAnAutoReply() {
		assertThat(classify("autoreply-auto-submitted.eml").autoReplyReason())
			.isEqualTo("Auto-Submitted: auto-replied");
		assertThat(classify("autoreply-abwesenheitsnotiz.eml").autoReplyReason()).isEqualTo("X-Autoreply: yes");
		assertThat(classify("autoreply-outlook-automatic-reply.eml").autoReplyReason())
			.isEqualTo("Subject: Automatic reply:");
		assertThat(classify("autoreply-out-of-office-body.eml").autoReplyReason())
			.isEqualTo("body: I am out of the office");
	}

	@Test
	void bounceWinsOverTheAutoSubmittedHeaderItCarries() {
		assertThat(classify("sendmail-returned-mail.eml").kind()).isEqualTo(Kind.BOUNCE);
	}

	@Test
	void unsubscribeSubjectCountsAfterReplyPrefixesAndNotInsideOtherWords() {
		assertThat(classify(message("Subject: Re: Unsubscribe me please\n\nThanks\n")).kind())
			.isEqualTo(Kind.UNSUBSCRIBE);
		assertThat(classify(message("Subject: Unsubscribing is hard\n\nIs it?\n")).kind()).isEqualTo(Kind.MESSAGE);
	}

	@Test
	void reportWithGarbageForItsStatusIsStillABounce() {
		Classification classification = classify("broken-dsn-garbage-status.eml");

		assertThat(classification.kind()).isEqualTo(Kind.BOUNCE);
		assertThat(classification.bounces()).extracting(BouncedRecipient::address, BouncedRecipient::type)
			.containsExactly(tuple("hank@example.com", "unknown"));
		assertThat(classification.problems()).contains("the delivery-status part could not be read");
	}

	@Test
	void unknownCharsetIsReadAsUtf8AndReported() {
		Classification classification = classify("broken-unknown-charset.eml");

		assertThat(classification.kind()).isEqualTo(Kind.MESSAGE);
		assertThat(classification.problems()).containsExactly("undecodable charset x-unknown");
	}

	@Test
	void truncatedMultipartIsReportedAndStillRead() {
		Classification classification = classify("broken-truncated-multipart.eml");

		assertThat(classification.problems()).anySatisfy((problem) -> assertThat(problem).contains("truncated"));
		assertThat(classification.original().subject()).isEqualTo("Summer plans");
	}

	@Test
	void readsAnOriginalThatArrivesAsAStream() {
		// RFC 6532 message/global has no content handler: its content is a stream.
		Classification classification = classify(message("""
				Content-Type: multipart/report; report-type=delivery-status; boundary="b"

				--b
				Content-Type: message/delivery-status

				Reporting-MTA: dns; mx.example.com

				Final-Recipient: rfc822; ana@example.com
				Action: failed
				Status: 5.1.1

				--b
				Content-Type: message/global

				Message-ID: <g1@outreach.example>
				X-PenguinMails-ID: 3f1c2a9e-8b4d-4c1e-9a7f-1d2e3f4a5b6c
				To: =?UTF-8?Q?Ana_Mar=C3=ADa?= <ana@example.com>

				Hola
				--b--
				"""));

		assertThat(classification.original()).isEqualTo(
				new Original("<g1@outreach.example>", "3f1c2a9e-8b4d-4c1e-9a7f-1d2e3f4a5b6c", "ana@example.com", null));
	}

	@Test
	void unreadableMessagesGiveProblemsAndNoException() {
		List<MimeMessage> broken = List.of(
				message("Content-Type: multipart/report; report-type=delivery-status; boundary=\"x\"\n\n"
						+ "no boundary ever starts\n"),
				message("Content-Type: multipart/mixed\n\n--\n"),
				message("Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; x@example.com\n"),
				message("Content-Type: text/plain; charset=\"bad\u0001\"\nSubject: =?x-unknown?Q?abc?=\n\nHi\n"));

		for (MimeMessage message : broken) {
			assertThatNoException().isThrownBy(() -> InboundClassifier.classify(message));
			assertThat(InboundClassifier.classify(message).problems()).isNotEmpty();
		}
		assertThat(InboundClassifier.classify(null).problems()).isNotEmpty();
	}

	static Stream<Object[]> expectations() throws IOException {
		try (Reader reader = new InputStreamReader(resource("expected.csv"), StandardCharsets.UTF_8);
				CSVParser parser = CSVFormat.DEFAULT.builder()
					.setHeader()
					.setSkipHeaderRecord(true)
					.setCommentMarker('#')
					.get()
					.parse(reader)) {
			List<Object[]> rows = new ArrayList<>();
			for (CSVRecord row : parser) {
				rows.add(new Object[] { row.get("file"),
						new Expectation(Kind.valueOf(row.get("kind")), blank(row.get("address")),
								blank(row.get("type")), blank(row.get("status")), blank(row.get("penguinId")),
								blank(row.get("messageId"))) });
			}
			return rows.stream();
		}
	}

	private static Classification classify(String file) {
		try (InputStream in = resource(file)) {
			return InboundClassifier.classify(new MimeMessage(Session.getInstance(new Properties()), in));
		}
		catch (IOException | MessagingException ex) {
			throw new IllegalStateException(file, ex);
		}
	}

	private static Classification classify(MimeMessage message) {
		return InboundClassifier.classify(message);
	}

	private static MimeMessage message(String raw) {
		try {
			return new MimeMessage(Session.getInstance(new Properties()),
					new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static InputStream resource(String file) {
		InputStream in = InboundParsingTests.class.getResourceAsStream(CORPUS + file);
		assertThat(in).as(file).isNotNull();
		return in;
	}

	private static String blank(String value) {
		return value.isBlank() ? null : value;
	}

	record Expectation(Kind kind, String address, String type, String status, String penguinId, String messageId) {

		@Override
		public String toString() {
			return this.kind + " " + this.address + " " + this.type;
		}

	}

}
