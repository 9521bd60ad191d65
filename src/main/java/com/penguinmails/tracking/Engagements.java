package com.penguinmails.tracking;

import java.util.Optional;

import org.springframework.stereotype.Service;

import com.penguinmails.campaigns.Campaigns;
import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Recipient;
import com.penguinmails.delivery.TrackingLinks;
import com.penguinmails.delivery.TrackingLinks.Link;

/**
 * Opens and clicks arriving through the signed links of a message: recorded for the
 * campaign's figures and A/B decisions, and a click stops the sequence when the campaign
 * says so.
 */
@Service
public class Engagements {

	private final TrackingLinks links;

	private final Outbox outbox;

	private final Campaigns campaigns;

	Engagements(TrackingLinks links, Outbox outbox, Campaigns campaigns) {
		this.links = links;
		this.outbox = outbox;
		this.campaigns = campaigns;
	}

	/** Records an open; false for a tampered or unknown token. */
	public boolean opened(String token) {
		return links.parse(token).filter(link -> link.url().isEmpty()).flatMap(this::recipient).map(found -> {
			campaigns.recordEngagement(found.workspaceId(), found.campaignId(), found.step(), found.variant(),
					found.outboxId(), "opened");
			return true;
		}).orElse(false);
	}

	/** Records a click and says where it goes; empty for a tampered or unknown token. */
	public Optional<String> clicked(String token) {
		Optional<Link> link = links.parse(token).filter(l -> !l.url().isEmpty());
		if (link.isEmpty()) {
			return Optional.empty();
		}
		recipient(link.get()).ifPresent(found -> {
			campaigns.recordEngagement(found.workspaceId(), found.campaignId(), found.step(), found.variant(),
					found.outboxId(), "clicked");
			campaigns.stopOn(found.workspaceId(), found.enrolmentId(), "clicked");
		});
		// The destination is the message's own link (the tag proves it), even when the
		// message was erased since.
		return Optional.of(link.get().url());
	}

	private Optional<Recipient> recipient(Link link) {
		return outbox.find(link.enrolmentId(), link.step())
			.flatMap(queued -> outbox.recipient(queued.outboxId()))
			.filter(found -> found.campaignId() != null);
	}

}
