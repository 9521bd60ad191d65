package com.penguinmails.inbound.internal;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a received message: threading headers, bodies, and what is wrong with it. */
class MessageReaderTests {

	private static MessageReader.Read read(String raw) {
		return MessageReader.read(raw.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
	}

	@Test
	void theMessagesItAnswersComeNearestFirst() {
		MessageReader.Read read = read("""
				From: Ada <ada@client.test>
				Subject: Re: Quick question
				Message-ID: <reply@client.test>
				In-Reply-To: <second@send.test>
				References: <first@send.test>
				 <second@send.test>

				Yes.
				""");
		assertThat(read.answers()).containsExactly("<second@send.test>", "<first@send.test>");
		assertThat(read.fromAddress()).isEqualTo("ada@client.test");
		assertThat(read.fromName()).isEqualTo("Ada");
		assertThat(read.flags()).isEmpty();
	}

	@Test
	void anHtmlOnlyReplyGetsItsTextWithItsLineBreaks() {
		MessageReader.Read read = read("""
				From: ada@client.test
				Subject: Re: Quick question
				MIME-Version: 1.0
				Content-Type: text/html; charset=utf-8

				<html><body><p>Yes, <b>Tuesday</b> works.</p><div>Ada<br>CTO</div></body></html>
				""");
		assertThat(read.text()).isEqualTo("Yes, Tuesday works.\nAda\nCTO");
		assertThat(read.html()).contains("<b>Tuesday</b>");
	}

	@Test
	void anUnknownCharsetIsReadAsUtf8AndFlagged() {
		MessageReader.Read read = read("""
				From: ada@client.test
				Subject: Odd
				MIME-Version: 1.0
				Content-Type: text/plain; charset=x-no-such-charset

				Readable all the same.
				""");
		assertThat(read.text()).contains("Readable all the same.");
		assertThat(read.flags()).contains("bad_encoding");
		assertThat(read.problems()).isNotEmpty();
	}

	@Test
	void nothingReadableIsFlaggedNotThrown() {
		MessageReader.Read read = MessageReader.read(new byte[] { 0, 1, 2, (byte) 0xff });
		assertThat(read.fromAddress()).isEmpty();
		assertThat(read.subject()).isEmpty();
	}

	@Test
	void rawUtf8HeadersAreReadAsUtf8AndLatin1OnesStayAsTheyAre() {
		// RFC 6532 (or a sender that skipped RFC 2047): the header bytes are UTF-8.
		MessageReader.Read utf8 = MessageReader
			.read(("From: Léna Müller <lena@client.test>\r\n" + "Subject: Re: Hi LÉNA, from Pat\r\n\r\nYes.\r\n")
				.getBytes(StandardCharsets.UTF_8));
		assertThat(utf8.subject()).isEqualTo("Re: Hi LÉNA, from Pat");
		assertThat(utf8.fromName()).isEqualTo("Léna Müller");
		// Bytes that are no valid UTF-8 are left as read.
		MessageReader.Read latin1 = MessageReader
			.read("Subject: Caf\u00e9\r\n\r\nx\r\n".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(latin1.subject()).isEqualTo("Café");
	}

}
