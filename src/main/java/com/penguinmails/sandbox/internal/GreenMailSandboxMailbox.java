package com.penguinmails.sandbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import com.penguinmails.sandbox.SandboxMail;
import com.penguinmails.sandbox.SandboxMailbox;

class GreenMailSandboxMailbox implements SandboxMailbox {

	private static final Pattern STABLE_ID = Pattern.compile("[0-9a-f]{24}");

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
		for (MimeMessage message : received) {
			mails.add(toMail(id(message), message));
		}
		// GreenMail lists by recipient, then arrival: newest first across everyone (the
		// stable sort keeps arrival order among messages of the same second).
		Collections.reverse(mails);
		mails.sort(Comparator.comparing(SandboxMail::receivedAt).reversed());
		return mails;
	}

	@Override
	public Optional<SandboxMail> message(String id) {
		return find(id).map(message -> toMail(id, message));
	}

	@Override
	public Optional<AttachmentFile> attachment(String id, int index) {
		return find(id).flatMap((message) -> {
			try {
				Bodies bodies = new Bodies();
				collect(message, bodies);
				if (index < 0 || index >= bodies.files.size()) {
					return Optional.empty();
				}
				Part part = bodies.files.get(index);
				try (InputStream in = part.getInputStream()) {
					byte[] content = in.readAllBytes();
					return Optional.of(new AttachmentFile(describe(part, index), content));
				}
			}
			catch (MessagingException | IOException ex) {
				return Optional.empty();
			}
		});
	}

	private Optional<MimeMessage> find(String id) {
		if (id == null || !STABLE_ID.matcher(id).matches()) {
			return Optional.empty();
		}
		return Arrays.stream(server.getReceivedMessages()).filter(message -> id.equals(id(message))).findFirst();
	}

	/**
	 * The stable id of a caught message: the SHA-256 of its bytes as stored (Message-ID
	 * and all), so it names the same message however many arrive after it.
	 */
	static String id(MimeMessage message) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
				message.writeTo(out);
			}
			return HexFormat.of().formatHex(sha256.digest()).substring(0, 24);
		}
		catch (IOException | MessagingException | NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Could not read a caught message", ex);
		}
	}

	@Override
	public Optional<String> answer(String id, Answer answer) {
		Optional<MimeMessage> found = find(id);
		if (found.isEmpty()) {
			return Optional.empty();
		}
		MimeMessage original = found.get();
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

	/** An address as people read it: "Léna <lena@x>", not its RFC 2047 encoded words. */
	private static String readable(Address address) {
		return (address instanceof jakarta.mail.internet.InternetAddress internet) ? internet.toUnicodeString()
				: address.toString();
	}

	/** The header block as received, one header per line (folds kept), at most 64 KiB. */
	private static String headers(MimeMessage message) throws MessagingException {
		StringBuilder block = new StringBuilder();
		java.util.Enumeration<String> lines = message.getAllHeaderLines();
		while (lines.hasMoreElements() && block.length() < 65_536) {
			block.append(lines.nextElement()).append('\n');
		}
		return block.length() > 65_536 ? block.substring(0, 65_536) : block.toString();
	}

	private static SandboxMail toMail(String id, MimeMessage message) {
		try {
			Address[] from = message.getFrom();
			Address[] to = message.getAllRecipients();
			Instant received = message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.now();
			Bodies bodies = new Bodies();
			collect(message, bodies);
			return new SandboxMail(id, from == null || from.length == 0 ? "" : readable(from[0]),
					to == null ? List.of() : Arrays.stream(to).map(GreenMailSandboxMailbox::readable).toList(),
					message.getSubject(), received, bodies.text, bodies.html, headers(message), bodies.attachments());
		}
		catch (MessagingException | IOException ex) {
			return new SandboxMail(id, "", List.of(), "(unreadable message: " + ex.getMessage() + ")", Instant.now(),
					"", null, "");
		}
	}

	private static void collect(Part part, Bodies bodies) throws MessagingException, IOException {
		if (!part.isMimeType("multipart/*")
				&& (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null)) {
			bodies.files.add(part);
		}
		else if (part.isMimeType("text/plain") && bodies.text == null) {
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

	/** What an attachment part says of itself, its decoded size counted. */
	private static SandboxMail.Attachment describe(Part part, int index) throws MessagingException {
		String name = part.getFileName();
		try {
			name = name == null ? null : MimeUtility.decodeText(name);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			// keep the name as written
		}
		String type = part.getContentType() == null ? "application/octet-stream"
				: part.getContentType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
		long size;
		try (InputStream in = part.getInputStream()) {
			size = in.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			size = Math.max(0, part.getSize());
		}
		return new SandboxMail.Attachment(name == null || name.isBlank() ? "attachment-" + (index + 1) : name, type,
				size);
	}

	private static final class Bodies {

		String text;

		String html;

		final List<Part> files = new ArrayList<>();

		List<SandboxMail.Attachment> attachments() throws MessagingException {
			List<SandboxMail.Attachment> described = new ArrayList<>();
			for (int i = 0; i < files.size(); i++) {
				described.add(describe(files.get(i), i));
			}
			return described;
		}

	}

}
