package com.penguinmails.sandbox.internal;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import com.penguinmails.sandbox.SandboxMailbox.Answer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's answers are well-formed mail: a non-ASCII subject goes as RFC 2047 words.
 */
class AnswersTests {

	@Test
	void aNonAsciiSubjectIsEncodedNotWrittenRaw() throws Exception {
		MimeMessage reply = Answers.of(Answer.REPLY, "pat@outreach.test", "lena@client.test", "Hi LÉNA, from Pat",
				"<m1@outreach.test>", null, "");

		assertThat(reply.getHeader("Subject", null)).contains("=?UTF-8?Q?").doesNotContain("É");
		assertThat(reply.getSubject()).isEqualTo("Re: Hi LÉNA, from Pat");
	}

}
