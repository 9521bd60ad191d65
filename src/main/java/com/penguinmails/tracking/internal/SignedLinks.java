package com.penguinmails.tracking.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.TrackingLinks;

/**
 * Tracking's side of {@link TrackingLinks}: the links of a message on the sending
 * domain's verified tracking host ({@link LinkBase}), or on the base URL, with the tokens
 * of {@link LinkTokens}: {@code o/{token}} the open pixel, {@code c/{token}} the click
 * redirect, {@code u/{token}} the unsubscribe page and RFC 8058 one-click POST.
 */
@Component
class SignedLinks implements TrackingLinks {

	private final LinkTokens tokens;

	private final LinkBase bases;

	SignedLinks(LinkTokens tokens, LinkBase bases) {
		this.tokens = tokens;
		this.bases = bases;
	}

	@Override
	public String rewrite(String html, UUID enrolmentId, int step, boolean opens, boolean clicks) {
		return rewrite(html, bases.base(), enrolmentId, step, opens, clicks);
	}

	@Override
	public String rewrite(String html, UUID workspaceId, String sendingDomain, UUID enrolmentId, int step,
			boolean opens, boolean clicks) {
		if (!opens && !clicks) {
			return html;
		}
		return rewrite(html, bases.of(workspaceId, sendingDomain), enrolmentId, step, opens, clicks);
	}

	private String rewrite(String html, String base, UUID enrolmentId, int step, boolean opens, boolean clicks) {
		String result = html;
		if (clicks) {
			// Our own unsubscribe links stay as they are: they are not clicks to count.
			result = LinkRewriter.clicks(result, href -> base + "c/" + tokens.token(enrolmentId, step, href),
					base + "u/", bases.base() + "u/");
		}
		if (opens) {
			result = LinkRewriter.pixel(result, base + "o/" + tokens.open(enrolmentId, step));
		}
		return result;
	}

	@Override
	public String unsubscribeUrl(UUID enrolmentId, int step) {
		return bases.base() + "u/" + tokens.unsubscribe(enrolmentId, step);
	}

	@Override
	public String unsubscribeUrl(UUID workspaceId, String sendingDomain, UUID enrolmentId, int step) {
		return bases.of(workspaceId, sendingDomain) + "u/" + tokens.unsubscribe(enrolmentId, step);
	}

}
