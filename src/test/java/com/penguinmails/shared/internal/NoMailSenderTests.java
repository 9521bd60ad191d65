package com.penguinmails.shared.internal;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Without an SMTP server and without the sandbox, account mail is built as usual and
 * every send fails saying what to set.
 */
class NoMailSenderTests {

	private final SystemMailConfiguration.NoMailSender sender = new SystemMailConfiguration.NoMailSender();

	@Test
	void buildsMessagesButRefusesToSendThemSayingWhatToSet() throws Exception {
		MimeMessage message = sender.createMimeMessage();
		message.setSubject("Confirm your address");
		assertThat(message.getSubject()).isEqualTo("Confirm your address");
		assertThatThrownBy(() -> sender.send(message)).isInstanceOf(MailSendException.class)
			.hasMessageContaining("PENGUINMAILS_SMTP_HOST");
		assertThatThrownBy(() -> sender.send(new SimpleMailMessage())).isInstanceOf(MailSendException.class)
			.hasMessageContaining("PENGUINMAILS_SANDBOX=true");
	}

}
