package com.penguinmails.domains.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Relaxed canonicalization as RFC 6376 §3.4.5 shows it. */
class RelaxedDkimTests {

	@Test
	void canonicalizesHeadersAsTheRfcExample() {
		assertThat(RelaxedDkim.relaxedHeader("A: X")).isEqualTo("a:X");
		assertThat(RelaxedDkim.relaxedHeader("B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z");
	}

	@Test
	void hashesTheBodyAsTheRfcExample() throws Exception {
		String message = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";
		byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
		RelaxedDkim.Written written = RelaxedDkim.Written.of(bytes, bytes.length);

		assertThat(written.fields()).containsExactly("A: X", "B : Y\t\r\n\tZ  ");
		assertThat(RelaxedDkim.bodyHash(written)).isEqualTo(sha256(" C\r\nD E\r\n"));
	}

	@Test
	void hashesAnEmptyBodyAsNothing() throws Exception {
		byte[] bytes = "A: X\r\n\r\n\r\n \r\n".getBytes(StandardCharsets.US_ASCII);

		assertThat(RelaxedDkim.bodyHash(RelaxedDkim.Written.of(bytes, bytes.length))).isEqualTo(sha256(""));
	}

	private static String sha256(String canonical) throws Exception {
		return Base64.getEncoder()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.US_ASCII)));
	}

}
