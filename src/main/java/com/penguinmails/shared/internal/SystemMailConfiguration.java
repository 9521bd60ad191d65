package com.penguinmails.shared.internal;

import java.util.Properties;

import com.penguinmails.shared.PenguinMailsProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The SMTP server for account mail (verification, password reset, invitations) when one
 * is configured. Without one, the sandbox module provides a sender that delivers into the
 * sandbox.
 */
@Configuration(proxyBeanMethods = false)
class SystemMailConfiguration {

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
