package com.penguinmails.reputation.internal.dmarc;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Finds the report files in one mail message (RFC 7489 §7.2.1.1: a report is sent as a
 * MIME attachment, gzip or zip or plain XML). Attachments are recognised by content, not
 * only by label: an {@code application/octet-stream} holding gzip, zip or XML is read,
 * and so is XML pasted into a text body. Transfer encodings (base64, quoted-printable)
 * are undone by Jakarta Mail; a forwarded report ({@code message/rfc822}) is looked into.
 */
final class ReportMessages {

	private static final Pattern XML_START = Pattern.compile("<(\\?xml|([A-Za-z_][\\w.-]*:)?feedback[\\s>])");

	private static final int NESTING = 10;

	/**
	 * One session for parsing only (no transport): creating one reads the providers from
	 * the class path, which cost more than the message.
	 */
	private static final Session SESSION = Session.getInstance(new Properties());

	private ReportMessages() {
	}

	static List<ReportFile> read(byte[] rawMessage, ReportLimits limits) {
		if (rawMessage.length > limits.messageBytes()) {
			return List.of(new ReportFile.Malformed("message",
					"message larger than " + ReportLimits.describe(limits.messageBytes())));
		}
		Walk walk = new Walk(limits);
		try {
			MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(rawMessage));
			walk.part(message, 0);
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			walk.files.add(new ReportFile.Malformed("message", "not a readable message: " + ex.getMessage()));
		}
		if (walk.files.isEmpty()) {
			return List.of(new ReportFile.Malformed("message", "no report in the message"));
		}
		return walk.files;
	}

	/** One message's walk: the files found and the parts counted. */
	private static final class Walk {

		private final ReportLimits limits;

		private final List<ReportFile> files = new ArrayList<>(1);

		private int parts;

		private Walk(ReportLimits limits) {
			this.limits = limits;
		}

		private void part(Part part, int depth) throws MessagingException, IOException {
			if (++this.parts > this.limits.mimeParts() || depth > NESTING) {
				if (this.parts == this.limits.mimeParts() + 1 || depth > NESTING) {
					this.files.add(new ReportFile.Malformed("message", "more than " + this.limits.mimeParts()
							+ " MIME parts or nested deeper than " + NESTING + ": the rest were not read"));
				}
				return;
			}
			if (part.isMimeType("multipart/*")) {
				Object content = part.getContent();
				if (content instanceof Multipart multipart) {
					for (int i = 0; i < multipart.getCount(); i++) {
						part(multipart.getBodyPart(i), depth + 1);
					}
				}
				return;
			}
			if (part.isMimeType("message/rfc822") && part.getContent() instanceof Part inner) {
				part(inner, depth + 1);
				return;
			}
			leaf(part);
		}

		private void leaf(Part part) throws MessagingException, IOException {
			String type = lower(part.getContentType());
			String name = fileName(part);
			byte[] bytes;
			try (InputStream in = part.getInputStream()) {
				bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.limits.fileBytes() + 1));
			}
			catch (IOException ex) {
				this.files.add(new ReportFile.Malformed(name == null ? "attachment" : name,
						"not decodable (" + ex.getMessage() + ")"));
				return;
			}
			String label = name == null ? "body" : name;
			if (bytes.length > this.limits.fileBytes()) {
				this.files.add(new ReportFile.Malformed(label,
						"larger than " + ReportLimits.describe(this.limits.fileBytes())));
				return;
			}
			ReportArchives.Kind kind = ReportArchives.Kind.of(new BufferedInputStream(new ByteArrayInputStream(bytes)));
			if (name == null && type.startsWith("text/") && !type.contains("xml")) {
				// A body of words: the report may be pasted into it.
				pastedXml(label, bytes, charset(type));
				return;
			}
			if (kind == ReportArchives.Kind.GZIP || kind == ReportArchives.Kind.ZIP || labelledAsReport(type, name)
					|| (kind == ReportArchives.Kind.XML && type.contains("octet-stream"))) {
				this.files.addAll(ReportArchives.open(label, bytes, this.limits));
			}
		}

		/** XML pasted into a text body after a few words: read from where it starts. */
		private void pastedXml(String label, byte[] bytes, Charset charset) {
			String text = new String(bytes, charset);
			Matcher start = XML_START.matcher(text);
			if (start.find() && text.indexOf("feedback", start.start()) >= 0) {
				this.files.addAll(ReportArchives.open(label,
						text.substring(start.start()).getBytes(StandardCharsets.UTF_8), this.limits));
			}
		}

	}

	private static boolean labelledAsReport(String type, String name) {
		String file = name == null ? "" : name.toLowerCase(Locale.ROOT);
		return type.contains("xml") || type.contains("zip") || file.endsWith(".xml") || file.endsWith(".gz")
				|| file.endsWith(".zip");
	}

	private static String fileName(Part part) {
		try {
			String name = part.getFileName();
			return name == null || name.isBlank() ? null : MimeUtility.decodeText(name).strip();
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			return "attachment";
		}
	}

	private static Charset charset(String type) {
		try {
			String charset = new ContentType(type).getParameter("charset");
			return charset == null ? StandardCharsets.UTF_8 : Charset.forName(MimeUtility.javaCharset(charset));
		}
		catch (MessagingException | RuntimeException ex) {
			return StandardCharsets.UTF_8;
		}
	}

	private static String lower(String value) {
		return value == null ? "" : value.toLowerCase(Locale.ROOT);
	}

}
