package com.penguinmails.shared.internal;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

import com.penguinmails.sandbox.SandboxMailbox;
import com.penguinmails.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person reads at the console: one line saying where PenguinMails is, and no
 * chatter (nor passwords) from the sandbox's mail server for each recipient.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ConsoleOutputTests {

	@LocalServerPort
	int port;

	@Autowired
	ReadyAnnouncement announcement;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JavaMailSender accountMail;

	@Autowired
	SandboxMailbox sandbox;

	@Test
	void oneLineSaysWhereTheApplicationAndTheSandboxMailAre(CapturedOutput output) {
		announcement.onApplicationEvent(
				new ApplicationReadyEvent(new SpringApplication(), new String[0], context, Duration.ZERO));
		String local = "http://localhost:" + port;
		assertThat(output.getOut())
			.contains("PenguinMails is ready at " + local + " (sandbox mail: " + local + "/sandbox/mail)");
	}

	@Test
	void theSandboxSaysNothingAboutEachNewRecipient(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		// As the application runs (the tests' root level is WARN): every library's INFO
		// shows but for the loggers application.yml quiets.
		logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.INFO);
		try {
			String to = "new-" + UUID.randomUUID() + "@console.test";
			SimpleMailMessage message = new SimpleMailMessage();
			message.setFrom("no-reply@penguinmails.local");
			message.setTo(to);
			message.setSubject("Welcome");
			message.setText("Hello");
			accountMail.send(message);
			assertThat(sandbox.messages()).anyMatch(mail -> mail.to().contains(to));
		}
		finally {
			logging.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, LogLevel.WARN);
		}
		assertThat(output.getAll()).doesNotContain("com.icegreen.greenmail").doesNotContain("Created user");
	}

}
