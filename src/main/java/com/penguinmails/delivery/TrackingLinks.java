package com.penguinmails.delivery;

import java.util.UUID;

/**
 * The links a message carries: the click redirect, the open pixel and the unsubscribe
 * link. Tracking mints them, since it serves them (its implementation is the only one);
 * the scheduler puts them in the rendered body, and delivery copies the unsubscribe link
 * into {@code List-Unsubscribe} (RFC 8058) as it is given, so header and body carry the
 * same link. A message's links are on the sending domain's verified tracking host
 * ({@code track.<domain>}) when it has one, else on the base URL. Declared here, and
 * implemented in tracking, so that delivery and the campaigns need no arrow to tracking.
 */
public interface TrackingLinks {

	/**
	 * The HTML with its http(s) links sent through the click redirect ({@code clicks})
	 * and a 1x1 open pixel at the very end of the body ({@code opens}), all on the base
	 * URL; everything else stays byte for byte.
	 */
	String rewrite(String html, UUID enrolmentId, int step, boolean opens, boolean clicks);

	/**
	 * As {@link #rewrite(String, UUID, int, boolean, boolean)}, on the tracking host of
	 * the sender's domain when it has a verified one.
	 * @param sendingDomain the domain of the sender's address
	 */
	String rewrite(String html, UUID workspaceId, String sendingDomain, UUID enrolmentId, int step, boolean opens,
			boolean clicks);

	/**
	 * The unsubscribe link ({@code {{ unsubscribe_url }}} and List-Unsubscribe) of an
	 * enrolment's step, on the base URL: an absolute https (or http) URL.
	 */
	String unsubscribeUrl(UUID enrolmentId, int step);

	/**
	 * The unsubscribe link of an enrolment's step in a message from
	 * {@code sendingDomain}: on its verified tracking host when it has one.
	 */
	String unsubscribeUrl(UUID workspaceId, String sendingDomain, UUID enrolmentId, int step);

}
