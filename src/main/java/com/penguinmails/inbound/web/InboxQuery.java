package com.penguinmails.inbound.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.penguinmails.inbound.Inbox;

/** The query string of an inbox view, for its refresh and its next page. */
final class InboxQuery {

	private InboxQuery() {
	}

	static String of(Inbox.Filter filter) {
		StringBuilder query = new StringBuilder("show=" + (filter.show() == null ? "replies" : filter.show()));
		if (filter.campaignId() != null) {
			query.append("&campaign=").append(filter.campaignId());
		}
		if (filter.mailboxId() != null) {
			query.append("&mailbox=").append(filter.mailboxId());
		}
		if (filter.unreadOnly()) {
			query.append("&unread=true");
		}
		if (filter.label() != null && !filter.label().isBlank()) {
			query.append("&label=").append(URLEncoder.encode(filter.label(), StandardCharsets.UTF_8));
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			query.append("&q=").append(URLEncoder.encode(filter.q(), StandardCharsets.UTF_8));
		}
		if (filter.done()) {
			query.append("&done=true");
		}
		return query.toString();
	}

}
