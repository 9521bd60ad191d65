package com.penguinmails.reputation.internal.dmarc;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one {@code feedback} document with the JDK's StAX parser, streaming: the document
 * is never held whole, only one top-level part ({@code report_metadata},
 * {@code policy_published}, one {@code record}) at a time.
 * <ul>
 * <li>No DTD: a {@code DOCTYPE} refuses the file before any of it is used, so there is no
 * external entity, no external DTD and no entity expansion (OWASP XXE Prevention: StAX,
 * {@code SUPPORT_DTD} false); an undeclared entity reference is a parse error.</li>
 * <li>Namespace-agnostic: elements are matched by local name whatever their namespace or
 * prefix (RFC 7489 has none, RFC 9990 {@code urn:ietf:params:xml:ns:dmarc-2.0}, drafts
 * others).</li>
 * <li>A UTF-8 byte order mark and white space before the document are skipped; anything
 * after the root element is never read.</li>
 * </ul>
 */
final class FeedbackXml {

	/**
	 * Configured once: the JDK's factory copies its properties into each reader it
	 * creates and is not changed afterwards, so threads may share it.
	 */
	private static final XMLInputFactory FACTORY = factory();

	private FeedbackXml() {
	}

	/**
	 * The report in {@code xml}, or why not. Never throws on bad input, except
	 * {@link BoundedInput.TooLarge} when {@code xml} spends its budget.
	 */
	static ReportFile read(String name, InputStream xml, ReportLimits limits) throws BoundedInput.TooLarge {
		FeedbackMapper mapper = new FeedbackMapper(limits);
		XMLStreamReader reader = null;
		try {
			reader = FACTORY.createXMLStreamReader(skipPrologueNoise(xml));
			String root = rootElement(reader);
			if (!"feedback".equals(root)) {
				return new ReportFile.Malformed(name,
						"not a DMARC aggregate report: the root element is <" + root + ">, not <feedback>");
			}
			readParts(reader, mapper, limits);
			return new ReportFile.Read(name, mapper.build());
		}
		catch (XMLStreamException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof BoundedInput.TooLarge tooLarge) {
					throw tooLarge;
				}
			}
			if (ex.getNestedException() instanceof BoundedInput.TooLarge tooLarge) {
				throw tooLarge;
			}
			return new ReportFile.Malformed(name, "not XML" + where(ex) + ": " + message(ex));
		}
		catch (FeedbackMapper.Refused ex) {
			return new ReportFile.Malformed(name, ex.getMessage());
		}
		catch (BoundedInput.TooLarge ex) {
			throw ex;
		}
		catch (IOException ex) {
			return new ReportFile.Malformed(name, "not readable: " + ex.getMessage());
		}
		finally {
			close(reader);
		}
	}

	private static XMLInputFactory factory() {
		// The JDK's own implementation whatever else is on the class path, configured per
		// OWASP's XXE Prevention Cheat Sheet.
		XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
		factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
		factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
		factory.setProperty(XMLInputFactory.IS_COALESCING, true);
		return factory;
	}

	/** The root's local name; refuses a DTD met before it. */
	private static String rootElement(XMLStreamReader reader) throws XMLStreamException {
		while (reader.hasNext()) {
			int event = reader.next();
			if (event == XMLStreamConstants.DTD) {
				throw new FeedbackMapper.Refused(
						"a DOCTYPE is refused: DTDs, external entities and entity expansion are not allowed (XXE)");
			}
			if (event == XMLStreamConstants.START_ELEMENT) {
				return localName(reader);
			}
		}
		throw new FeedbackMapper.Refused("not a DMARC aggregate report: no element");
	}

	private static void readParts(XMLStreamReader reader, FeedbackMapper mapper, ReportLimits limits)
			throws XMLStreamException {
		while (reader.hasNext()) {
			int event = reader.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				String name = localName(reader);
				if (FeedbackMapper.wanted(name)) {
					mapper.accept(subtree(reader, new XmlNode(name), limits, mapper.warnings()));
				}
				else {
					skip(reader, limits);
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				// The end of <feedback>: whatever follows is never read.
				return;
			}
		}
		throw new FeedbackMapper.Refused("not XML: the document ends inside <feedback>");
	}

	/** Reads the element the reader is on into {@code node}, its end included. */
	private static XmlNode subtree(XMLStreamReader reader, XmlNode node, ReportLimits limits, Warnings warnings)
			throws XMLStreamException {
		XmlNode[] open = new XmlNode[limits.depth()];
		open[1] = node;
		int depth = 1;
		int elements = 1;
		while (depth > 0) {
			int event = reader.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				depth++;
				elements++;
				if (depth >= open.length) {
					throw new FeedbackMapper.Refused("elements nested deeper than " + limits.depth());
				}
				if (elements > 10_000) {
					throw new FeedbackMapper.Refused("more than 10000 elements in one <" + node.name() + ">");
				}
				open[depth] = new XmlNode(localName(reader));
				open[depth - 1].add(open[depth]);
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
			}
			else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
				if (!open[depth].append(reader.getText(), limits.textChars())) {
					warnings.add("a value longer than " + limits.textChars() + " characters was cut");
				}
			}
		}
		return node;
	}

	/**
	 * Skips the element the reader is on (an extension, the version), its end included.
	 */
	private static void skip(XMLStreamReader reader, ReportLimits limits) throws XMLStreamException {
		int depth = 1;
		while (depth > 0) {
			int event = reader.next();
			if (event == XMLStreamConstants.START_ELEMENT && ++depth >= limits.depth()) {
				throw new FeedbackMapper.Refused("elements nested deeper than " + limits.depth());
			}
			if (event == XMLStreamConstants.END_ELEMENT) {
				depth--;
			}
		}
	}

	private static String localName(XMLStreamReader reader) {
		// Not namespace-aware: the name may carry a prefix ("dmarc:record").
		String name = reader.getLocalName();
		int colon = name.indexOf(':');
		return colon < 0 ? name : name.substring(colon + 1);
	}

	/**
	 * Skips a UTF-8 BOM and white space before the first '<' (some reporters add them).
	 */
	private static InputStream skipPrologueNoise(InputStream in) throws IOException {
		BufferedInputStream buffered = new BufferedInputStream(in, 8192);
		buffered.mark(4096);
		int skip = 0;
		byte[] head = new byte[4096];
		int n = buffered.readNBytes(head, 0, head.length);
		buffered.reset();
		if (n >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
			skip = 3;
		}
		while (skip < n && (head[skip] == ' ' || head[skip] == '\t' || head[skip] == '\r' || head[skip] == '\n')) {
			skip++;
		}
		buffered.skipNBytes(skip);
		return buffered;
	}

	private static String where(XMLStreamException ex) {
		return ex.getLocation() == null ? ""
				: " (line " + ex.getLocation().getLineNumber() + ", column " + ex.getLocation().getColumnNumber() + ")";
	}

	private static String message(XMLStreamException ex) {
		String message = String.valueOf(ex.getMessage());
		int at = message.indexOf("Message: ");
		String text = at < 0 ? message : message.substring(at + "Message: ".length()).strip();
		return text.length() <= 200 ? text : text.substring(0, 197) + "...";
	}

	private static void close(XMLStreamReader reader) {
		if (reader != null) {
			try {
				reader.close();
			}
			catch (XMLStreamException ex) {
				// Nothing held beyond the stream, which the caller closes.
			}
		}
	}

}
