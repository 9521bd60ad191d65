package com.penguinmails.sandbox.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.penguinmails.sandbox.SandboxMail;
import com.penguinmails.sandbox.SandboxMailbox;

class GreenMailSandboxMailbox implements SandboxMailbox {

	private final GreenMail server;

	GreenMailSandboxMailbox(GreenMail server) {
		this.server = server;
	}

	@Override
	public int smtpPort() {
		return server.getSmtp().getPort();
	}

	@Override
	public int imapPort() {
		return server.getImap().getPort();
	}

	@Override
	public List<SandboxMail> messages() {
		MimeMessage[] received = server.getReceivedMessages();
		List<SandboxMail> mails = new ArrayList<>(received.length);
		for (int i = 0; i < received.length; i++) {
			mails.add(toMail(i, received[i]));
		}
		Collections.reverse(mails);
		return mails;
	}

	@Override
	public Optional<SandboxMail> message(int index) {
		MimeMessage[] received = server.getReceivedMessages();
		if (index < 0 || index >= received.length) {
			return Optional.empty();
		}
		return Optional.of(toMail(index, received[index]));
	}

	@Override
	public Optional<String> answer(int index, Answer answer) {
		MimeMessage[] received = server.getReceivedMessages();
		if (index < 0 || index >= received.length) {
			return Optional.empty();
		}
		MimeMessage original = received[index];
		try {
			String sender = ((InternetAddress) original.getFrom()[0]).getAddress();
			String recipient = ((InternetAddress) original.getAllRecipients()[0]).getAddress();
			StringBuilder headers = new StringBuilder();
			for (Enumeration<String> lines = original.getAllHeaderLines(); lines.hasMoreElements();) {
				headers.append(lines.nextElement()).append('\n');
			}
			String subject = original.getSubject() == null ? "" : original.getSubject().replaceAll("[\\r\\n]+", " ");
			MimeMessage reply = Answers.of(answer, sender, recipient, subject, original.getMessageID(),
					original.getHeader("References", " "), headers.toString());
			GreenMailUser user = server.getUserManager().getUserByEmail(sender);
			if (user == null) {
				user = server.setUser(sender, sender, "sandbox");
			}
			user.deliver(reply);
			return Optional.of(recipient + " answered " + sender);
		}
		catch (MessagingException | RuntimeException ex) {
			throw new IllegalStateException("The sandbox could not answer that message: " + ex.getMessage(), ex);
		}
	}

	private static SandboxMail toMail(int index, MimeMessage message) {
		try {
			Address[] from = message.getFrom();
			Address[] to = message.getAllRecipients();
			Instant received = message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.now();
			Bodies bodies = new Bodies();
			collect(message, bodies);
			return new SandboxMail(index, from == null || from.length == 0 ? "" : from[0].toString(),
					to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(), message.getSubject(),
					received, bodies.text, bodies.html);
		}
		catch (MessagingException | IOException ex) {
			return new SandboxMail(index, "", List.of(), "(unreadable message: " + ex.getMessage() + ")", Instant.now(),
					"", null);
		}
	}

	private static void collect(Part part, Bodies bodies) throws MessagingException, IOException {
		if (part.isMimeType("text/plain") && bodies.text == null) {
			bodies.text = String.valueOf(part.getContent());
		}
		else if (part.isMimeType("text/html") && bodies.html == null) {
			bodies.html = String.valueOf(part.getContent());
		}
		else if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				collect(child, bodies);
			}
		}
	}

	private static final class Bodies {

		String text;

		String html;

	}

}
