package com.penguinmails.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Recipient;
import com.penguinmails.delivery.TrackingLinks;
import com.penguinmails.delivery.TrackingLinks.Link;
import com.penguinmails.tracking.internal.Device;
import com.penguinmails.tracking.internal.MachineFilter;
import com.penguinmails.tracking.internal.TrackingEventStore;
import com.penguinmails.tracking.internal.TrackingEventStore.Stored;
import com.penguinmails.tracking.internal.TrackingProperties;
import com.penguinmails.tracking.internal.UserAgents;

/**
 * Opens and clicks arriving through the signed links of a message. Every one is kept as
 * an event, machines' (mail proxies, security scanners) flagged; only people's count for
 * the campaign's figures and A/B decisions, and only a person's click stops the sequence
 * when the campaign says so.
 */
@Service
public class Engagements {

	private final TrackingLinks links;

	private final Outbox outbox;

	private final Campaigns campaigns;

	private final TrackingEventStore events;

	private final MachineFilter machines;

	private final UserAgents agents;

	private final TrackingProperties properties;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	Engagements(TrackingLinks links, Outbox outbox, Campaigns campaigns, TrackingEventStore events,
			MachineFilter machines, UserAgents agents, TrackingProperties properties,
			ApplicationEventPublisher publisher, Clock clock) {
		this.links = links;
		this.outbox = outbox;
		this.campaigns = campaigns;
		this.events = events;
		this.machines = machines;
		this.agents = agents;
		this.properties = properties;
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * Records an open by the given User-Agent from the given address; false for a
	 * tampered or unknown token.
	 */
	@Transactional
	public boolean opened(String token, String userAgent, String ip) {
		Optional<Recipient> recipient = links.parse(token)
			.filter(link -> link.url().isEmpty())
			.flatMap(this::recipient);
		if (recipient.isEmpty()) {
			return false;
		}
		Recipient found = recipient.get();
		Instant now = clock.instant();
		Device device = agents.analyze(userAgent);
		String reason = machines.open(userAgent, ip, device, found.sentAt(), now).orElse(null);
		Stored stored = events.open(found, now, userAgent, ip, device, reason);
		if (!stored.machine() && found.campaignId() != null) {
			campaigns.recordEngagement(found.workspaceId(), found.campaignId(), found.step(), found.variant(),
					found.outboxId(), "opened");
		}
		publisher
			.publishEvent(new MessageOpened(found.workspaceId(), found.campaignId(), found.enrolmentId(), found.step(),
					found.variant(), found.outboxId(), now, stored.machine(), device.deviceClass(), device.client()));
		return true;
	}

	/**
	 * Records a click by the given User-Agent from the given address and says where it
	 * goes; empty for a tampered or unknown token.
	 */
	@Transactional
	public Optional<String> clicked(String token, String userAgent, String ip) {
		Optional<Link> link = links.parse(token).filter(l -> !l.url().isEmpty());
		if (link.isEmpty()) {
			return Optional.empty();
		}
		String url = link.get().url();
		recipient(link.get()).ifPresent(found -> {
			Instant now = clock.instant();
			Device device = agents.analyze(userAgent);
			String reason = machines.machine(userAgent, ip, device).orElse(null);
			Stored stored = events.click(found, url, now, userAgent, ip, device, reason, properties.linkScanWindow());
			if (!stored.machine() && found.campaignId() != null) {
				campaigns.recordEngagement(found.workspaceId(), found.campaignId(), found.step(), found.variant(),
						found.outboxId(), "clicked");
				if (found.enrolmentId() != null) {
					campaigns.stopOn(found.workspaceId(), found.enrolmentId(), "clicked");
				}
			}
			publisher.publishEvent(new LinkClicked(found.workspaceId(), found.campaignId(), found.enrolmentId(),
					found.step(), found.variant(), found.outboxId(), now, stored.machine(), device.deviceClass(),
					device.client(), url));
		});
		// The destination is the message's own link (the tag proves it), even when the
		// message was erased since.
		return Optional.of(url);
	}

	private Optional<Recipient> recipient(Link link) {
		// An erased recipient's opens and clicks are not kept: they would be their data
		// again.
		return outbox.find(link.enrolmentId(), link.step())
			.flatMap(queued -> outbox.recipient(queued.outboxId()))
			.filter(found -> !found.erased());
	}

}
