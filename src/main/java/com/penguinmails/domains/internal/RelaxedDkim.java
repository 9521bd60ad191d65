package com.penguinmails.domains.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A DKIM signature (RFC 6376) of a message as it goes on the wire: rsa-sha256,
 * relaxed/relaxed canonicalization (§3.4.2, §3.4.4), no l= tag (§8.2). Works on the
 * message's bytes once written, so the message is neither copied nor parsed again; the
 * {@link Signature} and digest are kept per thread (initialised with the key for each
 * message, which costs little beside the RSA operation).
 */
public final class RelaxedDkim {

	private static final ThreadLocal<Signature> SIGNATURES = ThreadLocal.withInitial(() -> {
		try {
			return Signature.getInstance("SHA256withRSA");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA256withRSA is part of every JDK", ex);
		}
	});

	private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	});

	private RelaxedDkim() {
	}

	/**
	 * A message written out: its header fields (folds kept) and where its body starts.
	 */
	public record Written(List<String> fields, byte[] bytes, int length, int bodyStart) {

		/**
		 * Splits {@code length} bytes of a message (CRLF lines, as Jakarta Mail writes
		 * them) at the empty line that ends its header (RFC 5322 §2.1); fields are
		 * decoded as UTF-8 (ASCII, or RFC 6532 headers).
		 */
		public static Written of(byte[] bytes, int length) {
			int end = 0;
			while (end + 3 < length && !(bytes[end] == '\r' && bytes[end + 1] == '\n' && bytes[end + 2] == '\r'
					&& bytes[end + 3] == '\n')) {
				end++;
			}
			int bodyStart = Math.min(length, end + 4);
			String header = new String(bytes, 0, Math.min(end, length), StandardCharsets.UTF_8);
			List<String> fields = new ArrayList<>();
			for (String line : header.split("\r\n")) {
				if (!fields.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
					fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\r\n" + line);
				}
				else if (!line.isEmpty()) {
					fields.add(line);
				}
			}
			return new Written(fields, bytes, length, bodyStart);
		}

	}

	/**
	 * The DKIM-Signature header field (folded, without its final CRLF) for the message
	 * {@code written}, signing those of {@code headers} it has (the bottom-most instance
	 * of each, §5.4.2), by {@code domain} (an A-label) and {@code selector}, at
	 * {@code epochSeconds} (the t= tag).
	 * @throws IllegalStateException when the key cannot sign
	 */
	public static String sign(Written written, String[] headers, String domain, String selector, RSAPrivateKey key,
			long epochSeconds) {
		StringBuilder names = new StringBuilder();
		StringBuilder canonical = new StringBuilder(1024);
		for (String name : headers) {
			String field = last(written.fields(), name);
			if (field != null) {
				names.append(names.isEmpty() ? "" : ":").append(name);
				canonical.append(relaxedHeader(field)).append("\r\n");
			}
		}
		String unsigned = "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
				+ "; t=" + epochSeconds + ";\r\n\th=" + names + ";\r\n\tbh=" + bodyHash(written) + ";\r\n\tb=";
		// §3.7: the signature's own field last, b= empty, with no trailing CRLF.
		canonical.append(relaxedHeader(unsigned));
		try {
			Signature signature = SIGNATURES.get();
			signature.initSign(key);
			signature.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
			String b = Base64.getEncoder().encodeToString(signature.sign());
			StringBuilder folded = new StringBuilder(unsigned);
			for (int i = 0; i < b.length(); i += 72) {
				folded.append(i == 0 ? "" : "\r\n\t ").append(b, i, Math.min(b.length(), i + 72));
			}
			return folded.toString();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not DKIM-sign for " + domain, ex);
		}
	}

	private static String last(List<String> fields, String name) {
		for (int i = fields.size() - 1; i >= 0; i--) {
			String field = fields.get(i);
			int colon = field.indexOf(':');
			if (colon > 0 && field.substring(0, colon).strip().equalsIgnoreCase(name)) {
				return field;
			}
		}
		return null;
	}

	/**
	 * §3.4.2: name in lower case, the value unfolded, runs of white space as one space,
	 * none around the colon or at the end.
	 */
	static String relaxedHeader(String field) {
		int colon = field.indexOf(':');
		String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
		String value = field.substring(colon + 1).replace("\r\n", "");
		StringBuilder out = new StringBuilder(name.length() + value.length() + 1).append(name).append(':');
		boolean space = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ' ' || c == '\t') {
				space = true;
				continue;
			}
			if (space && out.charAt(out.length() - 1) != ':') {
				out.append(' ');
			}
			space = false;
			out.append(c);
		}
		return out.toString();
	}

	/**
	 * §3.4.4 and §3.7: the base64 SHA-256 of the relaxed body: runs of white space in a
	 * line as one space, none at a line's end, no empty lines at the end, and a final
	 * CRLF unless the body is empty.
	 */
	static String bodyHash(Written written) {
		byte[] in = written.bytes();
		ByteArrayOutputStream out = new ByteArrayOutputStream(written.length() - written.bodyStart() + 2);
		int emptyLines = 0;
		int i = written.bodyStart();
		byte[] line = new byte[1024];
		while (i < written.length()) {
			int n = 0;
			boolean space = false;
			for (; i < written.length() && in[i] != '\n'; i++) {
				byte c = in[i];
				if (c == '\r' && (i + 1 == written.length() || in[i + 1] == '\n')) {
					continue;
				}
				if (c == ' ' || c == '\t') {
					space = true;
					continue;
				}
				if (n + 2 > line.length) {
					line = java.util.Arrays.copyOf(line, line.length * 2);
				}
				if (space) {
					line[n++] = ' ';
					space = false;
				}
				line[n++] = c;
			}
			i++;
			if (n == 0) {
				emptyLines++;
				continue;
			}
			for (; emptyLines > 0; emptyLines--) {
				out.write('\r');
				out.write('\n');
			}
			out.write(line, 0, n);
			out.write('\r');
			out.write('\n');
		}
		MessageDigest digest = DIGESTS.get();
		digest.reset();
		return Base64.getEncoder().encodeToString(digest.digest(out.toByteArray()));
	}

}
