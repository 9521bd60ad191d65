package com.penguinmails.reputation.internal.dmarc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads DMARC aggregate report files: XML, gzip or zip (RFC 7489 §7.2.1.1), alone or in a
 * mail message (attachments, or the XML in the body). A file that cannot be read comes
 * back as {@link ReportFile.Malformed} with the reason; nothing here throws on bad input.
 * <p>
 * SKELETON: a first, plain reading; the "dmarc-files" part hardens it (bounds, XXE,
 * namespaces, reporters' variations) behind the same two methods.
 */
public final class AggregateReports {

	private AggregateReports() {
	}

	/**
	 * The reports in one file: {@code name} is its file name (used for messages only),
	 * {@code bytes} its content, compressed or not. A zip gives one result per entry.
	 */
	public static List<ReportFile> read(String name, byte[] bytes) {
		try {
			if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
				try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
					return List.of(parse(name, in.readAllBytes()));
				}
			}
			if (bytes.length > 2 && bytes[0] == 'P' && bytes[1] == 'K') {
				List<ReportFile> files = new ArrayList<>();
				try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
					for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
						if (!entry.isDirectory()) {
							files.add(parse(entry.getName(), zip.readAllBytes()));
						}
					}
				}
				return files;
			}
			return List.of(parse(name, bytes));
		}
		catch (IOException ex) {
			return List.of(new ReportFile.Malformed(name, "not a readable file: " + ex.getMessage()));
		}
	}

	/**
	 * The reports in a whole RFC 5322 message: its attachments, or the XML in its body.
	 */
	public static List<ReportFile> fromMessage(byte[] rawMessage) {
		try {
			MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()),
					new ByteArrayInputStream(rawMessage));
			List<ReportFile> files = new ArrayList<>();
			collect(message, files);
			return files.isEmpty() ? List.of(new ReportFile.Malformed("message", "no report in the message")) : files;
		}
		catch (MessagingException | IOException ex) {
			return List.of(new ReportFile.Malformed("message", "not a readable message: " + ex.getMessage()));
		}
	}

	private static void collect(Part part, List<ReportFile> files) throws MessagingException, IOException {
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				collect(child, files);
			}
			return;
		}
		String type = part.getContentType() == null ? "" : part.getContentType().toLowerCase(Locale.ROOT);
		String name = part.getFileName() == null ? "body" : part.getFileName();
		if (type.contains("xml") || type.contains("zip") || type.contains("gzip") || type.contains("octet-stream")
				|| name.endsWith(".xml") || name.endsWith(".gz") || name.endsWith(".zip")) {
			try (InputStream in = part.getInputStream()) {
				files.addAll(read(name, in.readAllBytes()));
			}
		}
	}

	private static ReportFile parse(String name, byte[] xml) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
			Element root = doc.getDocumentElement();
			Element meta = child(root, "report_metadata");
			Element range = child(meta, "date_range");
			Element policy = child(root, "policy_published");
			AggregateReport.PolicyPublished published = new AggregateReport.PolicyPublished(text(policy, "domain"),
					text(policy, "adkim"), text(policy, "aspf"), text(policy, "p"), text(policy, "sp"),
					integer(text(policy, "pct")), text(policy, "np"), text(policy, "t"));
			List<AggregateReport.Row> rows = new ArrayList<>();
			for (Element record : children(root, "record")) {
				rows.add(row(record));
			}
			return new ReportFile.Read(name,
					new AggregateReport(text(meta, "org_name"), text(meta, "email"), text(meta, "report_id"),
							Instant.ofEpochSecond(Long.parseLong(text(range, "begin"))),
							Instant.ofEpochSecond(Long.parseLong(text(range, "end"))), published, rows, List.of()));
		}
		catch (ParserConfigurationException | SAXException | IOException | RuntimeException ex) {
			return new ReportFile.Malformed(name, "not a DMARC aggregate report: " + ex.getMessage());
		}
	}

	private static AggregateReport.Row row(Element record) {
		Element row = child(record, "row");
		Element evaluated = child(row, "policy_evaluated");
		Element identifiers = child(record, "identifiers");
		Element auth = child(record, "auth_results");
		List<AggregateReport.AuthResult> dkim = new ArrayList<>();
		List<AggregateReport.AuthResult> spf = new ArrayList<>();
		if (auth != null) {
			for (Element d : children(auth, "dkim")) {
				dkim.add(new AggregateReport.AuthResult(text(d, "domain"), text(d, "selector"),
						lower(text(d, "result")), null));
			}
			for (Element s : children(auth, "spf")) {
				spf.add(new AggregateReport.AuthResult(text(s, "domain"), null, lower(text(s, "result")),
						text(s, "scope")));
			}
		}
		List<String> reasons = children(evaluated, "reason").stream().map(r -> lower(text(r, "type"))).toList();
		return new AggregateReport.Row(text(row, "source_ip"), Long.parseLong(text(row, "count")),
				lower(text(evaluated, "disposition")), lower(text(evaluated, "dkim")), lower(text(evaluated, "spf")),
				reasons, text(identifiers, "header_from"), text(identifiers, "envelope_from"),
				text(identifiers, "envelope_to"), dkim, spf);
	}

	private static List<Element> children(Element parent, String localName) {
		List<Element> found = new ArrayList<>();
		if (parent == null) {
			return found;
		}
		NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			Node node = nodes.item(i);
			if (node instanceof Element element && localName.equals(element.getLocalName())) {
				found.add(element);
			}
		}
		return found;
	}

	private static Element child(Element parent, String localName) {
		List<Element> found = children(parent, localName);
		return found.isEmpty() ? null : found.get(0);
	}

	private static String text(Element parent, String localName) {
		Element element = child(parent, localName);
		if (element == null) {
			return null;
		}
		String text = element.getTextContent().strip();
		return text.isEmpty() ? null : text;
	}

	private static String lower(String value) {
		return value == null ? null : value.toLowerCase(Locale.ROOT);
	}

	private static Integer integer(String value) {
		return value == null ? null : Integer.valueOf(value);
	}

}
