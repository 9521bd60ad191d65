package com.penguinmails.sandbox.internal;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.shared.PenguinMailsProperties;

@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "penguinmails.sandbox.enabled", havingValue = "true")
class SandboxConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SandboxConfiguration.class);

	@Bean(initMethod = "start", destroyMethod = "stop")
	GreenMail sandboxMailServer(SandboxProperties properties) {
		log.warn("SANDBOX MODE IS ON: an in-process mail server catches all mail (account mail too) and shows it at "
				+ "/sandbox/mail, to clients on this machine and to signed-in users for their own mail. Not for "
				+ "production: set PENGUINMAILS_SANDBOX=false and a system SMTP server (PENGUINMAILS_SMTP_HOST).");
		ServerSetup smtp = new ServerSetup(properties.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		ServerSetup imap = new ServerSetup(properties.imapPort(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
		// Accept any login: the sandbox stands in for every mailbox a user connects.
		return new GreenMail(new ServerSetup[] { smtp, imap })
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
	}

	@Bean
	GreenMailSandboxMailbox sandboxMailbox(GreenMail sandboxMailServer, NetworkPolicy network) {
		// The sandbox preset's mailboxes connect here, on loopback: these two ports only.
		network.allow("127.0.0.1", sandboxMailServer.getSmtp().getPort());
		network.allow("127.0.0.1", sandboxMailServer.getImap().getPort());
		return new GreenMailSandboxMailbox(sandboxMailServer);
	}

	/** Account mail goes into the sandbox unless a system SMTP server is configured. */
	@Bean
	@ConditionalOnExpression("'${penguinmails.smtp.host:}' == ''")
	JavaMailSender sandboxMailSender(GreenMail sandboxMailServer, PenguinMailsProperties properties) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(sandboxMailServer.getSmtp().getPort());
		// RFC 5321 §4.1.1.1: EHLO with our name, as every SMTP connection we make.
		sender.getJavaMailProperties()
			.put("mail.smtp.localhost", properties.heloFor(properties.smtp() == null ? "" : properties.smtp().from()));
		log.info("Sandbox mail server: SMTP on port {}, IMAP on port {}; caught mail at /sandbox/mail",
				sandboxMailServer.getSmtp().getPort(), sandboxMailServer.getImap().getPort());
		return sender;
	}

}
