package com.penguinmails.identity.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.shared.PenguinMailsProperties;

/**
 * Account mail: verification, password reset, email change and invitations, each a link
 * to this installation's base URL. Subjects are fixed text, so no user input reaches a
 * header but the recipient address, which Jakarta Mail parses and validates.
 */
@Component
class AccountMailer {

	private static final Logger log = LoggerFactory.getLogger(AccountMailer.class);

	private final JavaMailSender sender;

	private final PenguinMailsProperties properties;

	AccountMailer(JavaMailSender sender, PenguinMailsProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	void sendVerification(String to, String token) {
		send(to, "Confirm your email address for PenguinMails",
				"Welcome to PenguinMails. Confirm your email address to finish signing up:",
				link("/verify-email", token), "This link expires in 24 hours.");
	}

	/**
	 * To an address that already has an account, when someone signs up with it again: the
	 * sign-up page says the same as for a new address, and only the owner learns of it.
	 */
	void sendSignUpAttempt(String to) {
		send(to, "Someone tried to sign up to PenguinMails with your address",
				"Someone (maybe you) tried to create a PenguinMails account with this email address, which already "
						+ "has one. If it was you, log in, or reset your password here:",
				UriComponentsBuilder.fromUri(properties.baseUrl()).path("/forgot-password").toUriString(),
				"If it was not you, ignore this email: nothing was changed.");
	}

	void sendPasswordReset(String to, String token) {
		send(to, "Reset your PenguinMails password",
				"Someone (hopefully you) asked to reset the password of this PenguinMails account:",
				link("/reset-password", token),
				"This link expires in 1 hour. If you did not ask for it, ignore this email: your password stays as it is.");
	}

	void sendEmailChange(String to, String token) {
		send(to, "Confirm your new PenguinMails email address",
				"Confirm that this is the new email address of your PenguinMails account:",
				link("/account/email/confirm", token), "This link expires in 24 hours.");
	}

	void sendInvitation(String to, String workspaceName, String inviter, String token) {
		send(to, "You are invited to a PenguinMails workspace",
				inviter + " invited you to join the workspace \"" + workspaceName + "\" on PenguinMails:",
				link("/invitations/accept", token), "This invitation expires in 7 days and can be used once.");
	}

	private String link(String path, String token) {
		return UriComponentsBuilder.fromUri(properties.baseUrl()).path(path).queryParam("token", token).toUriString();
	}

	private void send(String to, String subject, String intro, String url, String outro) {
		try {
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom(properties.smtp().from());
			helper.setTo(to);
			helper.setSubject(subject);
			String text = intro + "\n\n" + url + "\n\n" + outro + "\n";
			String html = "<p>" + HtmlUtils.htmlEscape(intro) + "</p><p><a href=\"" + HtmlUtils.htmlEscape(url) + "\">"
					+ HtmlUtils.htmlEscape(url) + "</a></p><p>" + HtmlUtils.htmlEscape(outro) + "</p>";
			helper.setText(text, html);
			sender.send(message);
		}
		catch (MessagingException | MailException ex) {
			// The address is logged, never the link: it carries a secret token.
			log.error("Could not send \"{}\" to {}: {}", subject, to, ex.getMessage());
			throw new MailDeliveryProblem();
		}
	}

}
