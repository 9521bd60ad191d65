package com.penguinmails.shared.internal;

import java.io.InputStream;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.penguinmails.shared.PenguinMailsProperties;

/**
 * The SMTP server for account mail (verification, password reset, invitations) when one
 * is configured. Without one, the sandbox module provides a sender that delivers into the
 * sandbox; with neither (an external database, which turns the sandbox off by default,
 * and no {@code PENGUINMAILS_SMTP_HOST}) the application still starts, warns, and every
 * account mail fails with a message saying what to set.
 */
@Configuration(proxyBeanMethods = false)
class SystemMailConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SystemMailConfiguration.class);

	@Bean
	@ConditionalOnExpression("'${penguinmails.smtp.host:}' == '' and '${penguinmails.sandbox.enabled:false}' != 'true'")
	JavaMailSender noMailSender() {
		log.warn("No SMTP server for account mail (PENGUINMAILS_SMTP_HOST) and the sandbox is off: "
				+ "verification, password reset and invitation emails cannot be sent until one is set.");
		return new NoMailSender();
	}

	/** Makes messages (so callers build them as usual) and refuses to send any. */
	static final class NoMailSender implements JavaMailSender {

		private static final Session SESSION = Session.getInstance(new Properties());

		@Override
		public MimeMessage createMimeMessage() {
			return new MimeMessage(SESSION);
		}

		@Override
		public MimeMessage createMimeMessage(InputStream contentStream) {
			try {
				return new MimeMessage(SESSION, contentStream);
			}
			catch (MessagingException ex) {
				throw new MailParseException("Could not parse the message", ex);
			}
		}

		@Override
		public void send(MimeMessage... mimeMessages) {
			throw unconfigured();
		}

		@Override
		public void send(SimpleMailMessage... simpleMessages) {
			throw unconfigured();
		}

		private static MailSendException unconfigured() {
			return new MailSendException("No SMTP server is configured for account mail: set PENGUINMAILS_SMTP_HOST "
					+ "(or PENGUINMAILS_SANDBOX=true to try PenguinMails).");
		}

	}

	@Bean
	@ConditionalOnExpression("'${penguinmails.smtp.host:}' != ''")
	JavaMailSender systemMailSender(PenguinMailsProperties properties) {
		PenguinMailsProperties.Smtp smtp = properties.smtp();
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost(smtp.host());
		sender.setPort(smtp.port());
		sender.setUsername(smtp.username());
		sender.setPassword(smtp.password());
		Properties props = sender.getJavaMailProperties();
		props.put("mail.smtp.auth", String.valueOf(smtp.username() != null && !smtp.username().isBlank()));
		props.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
		props.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
		props.put("mail.smtp.connectiontimeout", "10000");
		props.put("mail.smtp.timeout", "30000");
		// RFC 5321 §4.1.1.1: EHLO with our name, not the JVM's idea of it ("localhost").
		props.put("mail.smtp.localhost", properties.heloFor(smtp.from()));
		return sender;
	}

}
