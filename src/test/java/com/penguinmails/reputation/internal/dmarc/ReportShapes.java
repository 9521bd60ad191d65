package com.penguinmails.reputation.internal.dmarc;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/**
 * Builds aggregate report files of any size in the shapes of the reporters the fixtures
 * under {@code src/test/resources/dmarc/} were written after: the same elements, order,
 * indentation, namespace and packaging, with generated rows (IPv4 and IPv6 sources,
 * passes and failures, forwarders). Deterministic for a given seed.
 */
final class ReportShapes {

	/** A reporter's shape and how it packs its file. */
	enum Shape {

		GOOGLE("google.com", "noreply-dmarc-support@google.com", "zip"),
		MICROSOFT("Enterprise Outlook", "dmarcreport@microsoft.com", "xml.gz"),
		YAHOO("Yahoo", "dmarchelp@yahooinc.com", "xml.gz"), MAIL_RU("Mail.Ru", "dmarc_support@corp.mail.ru", "xml.gz"),
		SMALL_PROVIDER("mx.smallhost.example", "", "xml"),
		RFC_9990("receiver.example", "dmarc-reports@receiver.example", "xml");

		final String org;

		final String email;

		final String extension;

		Shape(String org, String email, String extension) {
			this.org = org;
			this.email = email;
			this.extension = extension;
		}

	}

	private ReportShapes() {
	}

	/** The file's name as the reporter would call it. */
	static String fileName(Shape shape, int n) {
		return shape.org.toLowerCase() + "!example.com!" + (1700006400 + n) + "!" + (1700092800 + n) + "."
				+ shape.extension;
	}

	/** The file, packed as the reporter packs it. */
	static byte[] file(Shape shape, int n, int rows, long seed) {
		byte[] xml = xml(shape, n, rows, new Random(seed)).getBytes(StandardCharsets.UTF_8);
		return switch (shape.extension) {
			case "zip" -> DmarcFixtures.zip(fileName(shape, n).replace(".zip", ".xml"), xml);
			case "xml.gz" -> DmarcFixtures.gzip(xml);
			default -> xml;
		};
	}

	/** A whole message carrying the file as a base64 attachment. */
	static byte[] message(Shape shape, int n, byte[] file) {
		String b64 = Base64.getMimeEncoder().encodeToString(file);
		String type = shape.extension.equals("zip") ? "application/zip"
				: shape.extension.equals("xml") ? "text/xml" : "application/gzip";
		return ("From: " + (shape.email.isEmpty() ? "postmaster@smallhost.example" : shape.email) + "\r\n"
				+ "To: dmarc@example.com\r\nSubject: Report Domain: example.com Submitter: " + shape.org + "\r\n"
				+ "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b" + n + "\"\r\n\r\n--b" + n
				+ "\r\nContent-Type: text/plain\r\n\r\nThis is an aggregate report.\r\n--b" + n + "\r\nContent-Type: "
				+ type + "\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\""
				+ fileName(shape, n) + "\"\r\n\r\n" + b64 + "\r\n--b" + n + "--\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	static String xml(Shape shape, int n, int rows, Random random) {
		String p = shape == Shape.RFC_9990 ? "dmarc:" : "";
		String indent = shape == Shape.YAHOO ? "" : shape == Shape.MAIL_RU ? "\t" : "  ";
		String nl = shape == Shape.YAHOO ? "" : shape == Shape.MAIL_RU ? "\r\n" : "\n";
		Xml x = new Xml(p, indent, nl);
		x.raw((shape == Shape.MAIL_RU ? "\uFEFF" : "") + "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + nl);
		x.open("feedback" + (shape == Shape.RFC_9990 ? " xmlns:dmarc=\"urn:ietf:params:xml:ns:dmarc-2.0\""
				: shape == Shape.MICROSOFT ? " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"" : ""));
		if (shape == Shape.MICROSOFT || shape == Shape.MAIL_RU || shape == Shape.RFC_9990) {
			x.leaf("version", "1.0");
		}
		x.open("report_metadata");
		x.leaf("org_name", shape.org);
		x.leaf("email", shape.email);
		if (shape == Shape.GOOGLE || shape == Shape.MAIL_RU) {
			x.leaf("extra_contact_info", "https://" + shape.org.toLowerCase() + "/dmarc-help");
		}
		x.leaf("report_id", shape.name().toLowerCase() + "-" + n);
		x.open("date_range");
		x.leaf("begin", String.valueOf(1700006400 + n));
		x.leaf("end", String.valueOf(1700092800 + n));
		x.close("date_range");
		x.close("report_metadata");
		x.open("policy_published");
		x.leaf("domain", "example.com");
		x.leaf("adkim", "r");
		x.leaf("aspf", "r");
		x.leaf("p", random.nextBoolean() ? "none" : "quarantine");
		x.leaf("sp", "none");
		if (shape != Shape.RFC_9990) {
			x.leaf("pct", "100");
		}
		x.close("policy_published");
		for (int i = 0; i < rows; i++) {
			record(x, shape, random);
		}
		x.close("feedback");
		return x.toString();
	}

	private static void record(Xml x, Shape shape, Random random) {
		boolean ours = random.nextInt(10) < 7;
		boolean forwarded = !ours && random.nextBoolean();
		String ip = random.nextInt(5) == 0 ? "2001:db8::" + Integer.toHexString(random.nextInt(65536))
				: "203.0." + random.nextInt(256) + "." + random.nextInt(256);
		x.open("record");
		x.open("row");
		x.leaf("source_ip", ip);
		x.leaf("count", String.valueOf(1 + random.nextInt(200)));
		x.open("policy_evaluated");
		x.leaf("disposition", ours || forwarded ? (shape == Shape.RFC_9990 ? "pass" : "none") : "quarantine");
		x.leaf("dkim", ours || forwarded ? "pass" : "fail");
		x.leaf("spf", ours ? "pass" : "fail");
		if (forwarded) {
			x.open("reason");
			x.leaf("type", "forwarded");
			x.close("reason");
		}
		x.close("policy_evaluated");
		x.close("row");
		x.open("identifiers");
		if (shape == Shape.MICROSOFT) {
			x.leaf("envelope_to", "contoso.com");
		}
		if (shape == Shape.MICROSOFT || shape == Shape.RFC_9990) {
			x.leaf("envelope_from", ours ? "example.com" : "lists.example.org");
		}
		x.leaf("header_from", "example.com");
		x.close("identifiers");
		x.open("auth_results");
		if (ours || forwarded) {
			x.open("dkim");
			x.leaf("domain", "example.com");
			x.leaf("selector", "pm2026");
			x.leaf("result", "pass");
			x.close("dkim");
		}
		x.open("spf");
		x.leaf("domain", ours ? "example.com" : "lists.example.org");
		if (shape != Shape.GOOGLE && shape != Shape.YAHOO) {
			x.leaf("scope", "mfrom");
		}
		x.leaf("result", ours ? "pass" : "softfail");
		x.close("spf");
		x.close("auth_results");
		x.close("record");
	}

	/** Writes indented XML with an optional prefix on every element. */
	private static final class Xml {

		private final StringBuilder out = new StringBuilder(32_768);

		private final String prefix;

		private final String indent;

		private final String newline;

		private int depth;

		Xml(String prefix, String indent, String newline) {
			this.prefix = prefix;
			this.indent = indent;
			this.newline = newline;
		}

		void raw(String text) {
			this.out.append(text);
		}

		void open(String nameAndAttributes) {
			this.out.append(this.indent.repeat(this.depth++))
				.append('<')
				.append(this.prefix)
				.append(nameAndAttributes)
				.append('>')
				.append(this.newline);
		}

		void close(String name) {
			this.out.append(this.indent.repeat(--this.depth))
				.append("</")
				.append(this.prefix)
				.append(name)
				.append('>')
				.append(this.newline);
		}

		void leaf(String name, String value) {
			this.out.append(this.indent.repeat(this.depth));
			if (value.isEmpty()) {
				this.out.append('<').append(this.prefix).append(name).append("/>").append(this.newline);
				return;
			}
			this.out.append('<').append(this.prefix).append(name).append('>').append(value);
			this.out.append("</").append(this.prefix).append(name).append('>').append(this.newline);
		}

		@Override
		public String toString() {
			return this.out.toString();
		}

	}

}
