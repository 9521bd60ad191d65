package com.penguinmails.webhooks.internal.catalogue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.tracking.EngagementsTracked;
import com.penguinmails.tracking.LinkClicked;
import com.penguinmails.tracking.MessageOpened;
import com.penguinmails.tracking.Unsubscribed;
import com.penguinmails.webhooks.EventType;
import com.penguinmails.webhooks.internal.catalogue.CatalogueLookups.MessageRef;
import com.penguinmails.webhooks.internal.catalogue.CatalogueLookups.Subject;

/**
 * Tracking's events in the catalogue: the first open of a message
 * ({@code message.opened}), the first click of each link of a message
 * ({@code message.clicked}) and unsubscribes by link ({@code message.unsubscribed}).
 * Machine fetches (image proxies, link scanners) are flagged {@code machine: true} and
 * counted apart, so a proxy's fetch never hides the reader's own first open.
 */
@Component
class TrackingEvents {

	private final CatalogueLookups lookups;

	private final CatalogueAppender appender;

	TrackingEvents(CatalogueLookups lookups, CatalogueAppender appender) {
		this.lookups = lookups;
		this.appender = appender;
	}

	/**
	 * Each open and click of a batch is its own webhook event, in the batch's order;
	 * built only for workspaces where some endpoint wants its type (asked once per
	 * workspace and type in the batch).
	 */
	@ApplicationModuleListener
	void on(EngagementsTracked tracked) {
		Map<UUID, Boolean> opensWanted = new HashMap<>();
		for (MessageOpened opened : tracked.opens()) {
			if (opensWanted.computeIfAbsent(opened.workspaceId(),
					workspace -> appender.wanted(workspace, EventType.MESSAGE_OPENED))) {
				opened(opened);
			}
		}
		Map<UUID, Boolean> clicksWanted = new HashMap<>();
		for (LinkClicked clicked : tracked.clicks()) {
			if (clicksWanted.computeIfAbsent(clicked.workspaceId(),
					workspace -> appender.wanted(workspace, EventType.MESSAGE_CLICKED))) {
				clicked(clicked);
			}
		}
	}

	void opened(MessageOpened opened) {
		Subject subject = lookups.message(opened.workspaceId(),
				new MessageRef(opened.campaignId(), opened.outboxId(), null, null, opened.step(), opened.variant()),
				null);
		ObjectNode open = subject.data().putObject("open");
		open.put("machine", opened.machine());
		CatalogueLookups.putIfPresent(open, "device_class", opened.deviceClass());
		CatalogueLookups.putIfPresent(open, "client", opened.client());
		String id = message(opened.outboxId(), opened.enrolmentId(), opened.step()) + machine(opened.machine());
		appender.append(opened.workspaceId(), EventType.MESSAGE_OPENED, id, subject.orderingKey(), opened.occurredAt(),
				subject.data());
	}

	void clicked(LinkClicked clicked) {
		Subject subject = lookups.message(clicked.workspaceId(),
				new MessageRef(clicked.campaignId(), clicked.outboxId(), null, null, clicked.step(), clicked.variant()),
				null);
		ObjectNode click = subject.data().putObject("click");
		click.put("url", clicked.url());
		click.put("machine", clicked.machine());
		CatalogueLookups.putIfPresent(click, "device_class", clicked.deviceClass());
		CatalogueLookups.putIfPresent(click, "client", clicked.client());
		// One per message and link: the URL's SHA-256 keeps the key short.
		String id = message(clicked.outboxId(), clicked.enrolmentId(), clicked.step()) + ":" + sha256(clicked.url())
				+ machine(clicked.machine());
		appender.append(clicked.workspaceId(), EventType.MESSAGE_CLICKED, id, subject.orderingKey(),
				clicked.occurredAt(), subject.data());
	}

	@ApplicationModuleListener
	void on(Unsubscribed unsubscribed) {
		Subject subject = lookups.message(unsubscribed.workspaceId(), new MessageRef(unsubscribed.campaignId(),
				unsubscribed.outboxId(), null, unsubscribed.address(), unsubscribed.step(), unsubscribed.variant()),
				null);
		ObjectNode details = subject.data().putObject("unsubscribe");
		String scope = unsubscribed.scope().name().toLowerCase(Locale.ROOT);
		details.put("scope", scope);
		// The page's link and the RFC 8058 one-click POST publish the same event.
		details.put("source", "link");
		String id = message(unsubscribed.outboxId(), unsubscribed.enrolmentId(), unsubscribed.step()) + ":" + scope;
		appender.append(unsubscribed.workspaceId(), EventType.MESSAGE_UNSUBSCRIBED, id, subject.orderingKey(),
				unsubscribed.occurredAt(), subject.data());
	}

	private static String message(UUID outboxId, UUID enrolmentId, int step) {
		return outboxId != null ? outboxId.toString() : enrolmentId + "/" + step;
	}

	private static String machine(boolean machine) {
		return machine ? ":machine" : "";
	}

	static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
