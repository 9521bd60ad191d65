package com.penguinmails.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Range;
import org.jsoup.parser.Parser;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.internal.LinkBase;
import com.penguinmails.shared.Secrets;

/**
 * Open and click tracking links. A token carries the message (enrolment and step) and,
 * for a click, the destination; an HMAC tag makes it tamper-proof, so the redirect goes
 * only where the message itself pointed (no open redirect) and needs no stored state. The
 * links of a message from a domain with a verified tracking CNAME are on that host
 * ({@code track.<domain>}), else on the base URL.
 */
@Component
public class TrackingLinks {

	/** What a token names: the message, and the destination of a click (empty: open). */
	public record Link(UUID enrolmentId, int step, String url) {
	}

	private static final int TAG_BYTES = 16;

	private final byte[] key;

	private final LinkBase bases;

	TrackingLinks(Secrets secrets, LinkBase bases) {
		this.key = secrets.derivedKey("tracking-link");
		this.bases = bases;
	}

	/**
	 * The HTML with its http(s) links sent through the click redirect and, when
	 * {@code opens}, a 1x1 pixel at the very end of the body, all on the base URL.
	 */
	public String rewrite(String html, UUID enrolmentId, int step, boolean opens, boolean clicks) {
		if (!opens && !clicks) {
			return html;
		}
		return rewrite(html, bases.base(), enrolmentId, step, opens, clicks);
	}

	/**
	 * The HTML with its http(s) links sent through the click redirect and, when
	 * {@code opens}, a 1x1 pixel at the end, on the tracking host of the sender's domain
	 * when it has a verified one.
	 * @param sendingDomain the domain of the sender's address
	 */
	public String rewrite(String html, UUID workspaceId, String sendingDomain, UUID enrolmentId, int step,
			boolean opens, boolean clicks) {
		if (!opens && !clicks) {
			return html;
		}
		return rewrite(html, bases.of(workspaceId, sendingDomain), enrolmentId, step, opens, clicks);
	}

	/**
	 * Edits the HTML in place rather than re-serialising a parsed tree: only the value of
	 * each rewritten {@code href} changes, and the pixel is inserted; everything else
	 * ({@code <style>} blocks, comments and Outlook conditional comments, the head,
	 * entities, quoting, white space) stays byte for byte as written. jsoup finds the
	 * links the way a browser would (HTML5 parsing, so nothing in a comment, a style or a
	 * script is taken for a link) and gives each value's place in the source.
	 */
	private String rewrite(String html, String base, UUID enrolmentId, int step, boolean opens, boolean clicks) {
		StringBuilder out = new StringBuilder(html.length() + 256);
		int copied = 0;
		if (clicks) {
			Document document = Jsoup.parse(html, "", Parser.htmlParser().setTrackPosition(true));
			for (Element link : document.select("a[href]")) {
				String href = link.attr("href").strip();
				String scheme = href.toLowerCase(Locale.ROOT);
				// Our own unsubscribe link stays as it is: it is not a click to count.
				if (!(scheme.startsWith("http://") || scheme.startsWith("https://")) || href.startsWith(base + "u/")
						|| href.startsWith(bases.base() + "u/")) {
					continue;
				}
				Range value = link.attributes().sourceRange("href").valueRange();
				if (!value.isTracked() || value.startPos() < copied || value.endPos() > html.length()) {
					continue;
				}
				// The place must hold this very value (entities aside), or it is left
				// alone: a link missed is better than a message broken.
				String written = html.substring(value.startPos(), value.endPos());
				if (!Parser.unescapeEntities(written, true).strip().equals(href)) {
					continue;
				}
				out.append(html, copied, value.startPos())
					.append(base)
					.append("c/")
					.append(token(enrolmentId, step, href));
				copied = value.endPos();
			}
		}
		out.append(html, copied, html.length());
		if (opens) {
			// The very last thing of the body. Not an <img>: SpamAssassin's
			// HTML_IMAGE_ONLY_*
			// rules score any image in a short message (0.6 to 2 points, the length of a
			// cold email), so the pixel is the background of a 1x1 table (the HTML
			// attribute and CSS), which the clients that load images fetch as well.
			String url = base + "o/" + token(enrolmentId, step, "");
			String pixel = "<table role=\"presentation\" width=\"1\" height=\"1\" cellpadding=\"0\" cellspacing=\"0\""
					+ " border=\"0\" background=\"" + url + "\" style=\"background-image:url('" + url + "')\">"
					+ "<tr><td></td></tr></table>";
			Matcher end = BODY_END.matcher(out);
			int at = -1;
			while (end.find()) {
				at = end.start();
			}
			if (at < 0) {
				out.append(pixel);
			}
			else {
				out.insert(at, pixel);
			}
		}
		return out.toString();
	}

	private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");

	/** What an unsubscribe token carries in place of a destination. */
	public static final String UNSUBSCRIBE = "!unsubscribe";

	/**
	 * The {@code {{ unsubscribe_url }}} of a message: the same page as the
	 * List-Unsubscribe header's link, signed for this enrolment's step, on the base URL.
	 */
	public String unsubscribeUrl(UUID enrolmentId, int step) {
		return bases.base() + "u/" + token(enrolmentId, step, UNSUBSCRIBE);
	}

	/**
	 * The {@code {{ unsubscribe_url }}} of a message from {@code sendingDomain}: on its
	 * verified tracking host when it has one.
	 */
	public String unsubscribeUrl(UUID workspaceId, String sendingDomain, UUID enrolmentId, int step) {
		return bases.of(workspaceId, sendingDomain) + "u/" + token(enrolmentId, step, UNSUBSCRIBE);
	}

	public String token(UUID enrolmentId, int step, String url) {
		byte[] target = url.getBytes(StandardCharsets.UTF_8);
		ByteBuffer body = ByteBuffer.allocate(20 + target.length);
		body.putLong(enrolmentId.getMostSignificantBits()).putLong(enrolmentId.getLeastSignificantBits());
		body.putInt(step).put(target);
		byte[] payload = body.array();
		byte[] token = Arrays.copyOf(payload, payload.length + TAG_BYTES);
		System.arraycopy(tag(payload), 0, token, payload.length, TAG_BYTES);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
	}

	/** What a token names, when its tag is ours. */
	public Optional<Link> parse(String token) {
		byte[] raw;
		try {
			raw = Base64.getUrlDecoder().decode(token == null ? "" : token);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (raw.length < 20 + TAG_BYTES) {
			return Optional.empty();
		}
		byte[] payload = Arrays.copyOf(raw, raw.length - TAG_BYTES);
		if (!MessageDigest.isEqual(Arrays.copyOfRange(raw, payload.length, raw.length),
				Arrays.copyOf(tag(payload), TAG_BYTES))) {
			return Optional.empty();
		}
		ByteBuffer body = ByteBuffer.wrap(payload);
		UUID enrolment = new UUID(body.getLong(), body.getLong());
		int step = body.getInt();
		return Optional
			.of(new Link(enrolment, step, new String(payload, 20, payload.length - 20, StandardCharsets.UTF_8)));
	}

	private byte[] tag(byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
