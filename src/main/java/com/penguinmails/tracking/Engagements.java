package com.penguinmails.tracking;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.delivery.Outbox.Recipient;
import com.penguinmails.tracking.internal.Device;
import com.penguinmails.tracking.internal.LinkTokens;
import com.penguinmails.tracking.internal.LinkTokens.Link;
import com.penguinmails.tracking.internal.MachineFilter;
import com.penguinmails.tracking.internal.SentMessages;
import com.penguinmails.tracking.internal.TrackingEventWriter;
import com.penguinmails.tracking.internal.TrackingEventWriter.Event;
import com.penguinmails.tracking.internal.UserAgents;

/**
 * Opens and clicks arriving through the signed links of a message. Every one is kept as
 * an event, machines' (mail proxies, security scanners) flagged; only people's count for
 * the campaign's figures and A/B decisions, and only a person's click stops the sequence
 * when the campaign says so. On a workspace's tracking host, only that workspace's links
 * count.
 */
@Service
public class Engagements {

	private final LinkTokens links;

	private final SentMessages sent;

	private final TrackingEventWriter events;

	private final MachineFilter machines;

	private final UserAgents agents;

	private final Clock clock;

	Engagements(LinkTokens links, SentMessages sent, TrackingEventWriter events, MachineFilter machines,
			UserAgents agents, Clock clock) {
		this.links = links;
		this.sent = sent;
		this.events = events;
		this.machines = machines;
		this.agents = agents;
		this.clock = clock;
	}

	/**
	 * Records an open by the given User-Agent from the given address; false for a
	 * tampered or unknown token.
	 */
	public boolean opened(String token, String userAgent, String ip) {
		return opened(token, userAgent, ip, null);
	}

	/**
	 * Records an open as {@link #opened(String, String, String)}, arriving on the
	 * tracking host of {@code hostWorkspace}: false as well for a message of another
	 * workspace.
	 * @param hostWorkspace the workspace whose tracking host the request came on; null on
	 * the app's own host
	 */
	public boolean opened(String token, String userAgent, String ip, UUID hostWorkspace) {
		Optional<Recipient> recipient = links.parse(token)
			.filter(Link::open)
			.flatMap(this::sent)
			.filter(found -> on(found, hostWorkspace))
			.filter(found -> !found.erased());
		if (recipient.isEmpty()) {
			return false;
		}
		Recipient found = recipient.get();
		Instant now = clock.instant();
		Device device = agents.analyze(userAgent);
		String reason = machines.open(userAgent, ip, device, found.sentAt(), now).orElse(null);
		events.write(new Event(TrackingEventWriter.Kind.OPEN, found, null, now, userAgent, ip, device, reason));
		return true;
	}

	/**
	 * Records a click by the given User-Agent from the given address and says where it
	 * goes; empty for a tampered or unknown token.
	 */
	public Optional<String> clicked(String token, String userAgent, String ip) {
		return clicked(token, userAgent, ip, null);
	}

	/**
	 * Records a click as {@link #clicked(String, String, String)}, arriving on the
	 * tracking host of {@code hostWorkspace}: empty as well for a message not found to be
	 * that workspace's (a tracking host redirects for its own messages only).
	 * @param hostWorkspace the workspace whose tracking host the request came on; null on
	 * the app's own host
	 */
	public Optional<String> clicked(String token, String userAgent, String ip, UUID hostWorkspace) {
		return clicked(token, userAgent, ip, hostWorkspace, ClickFetch.NAVIGATION);
	}

	/**
	 * Records a click as {@link #clicked(String, String, String, UUID)}, made the given
	 * way: a HEAD request or a prefetch is kept as a machine's.
	 * @param fetch the request's method and declared purpose
	 */
	public Optional<String> clicked(String token, String userAgent, String ip, UUID hostWorkspace, ClickFetch fetch) {
		Optional<Link> link = links.parse(token).filter(Link::click);
		if (link.isEmpty()) {
			return Optional.empty();
		}
		Optional<Recipient> sent = sent(link.get());
		if (hostWorkspace != null && sent.filter(found -> on(found, hostWorkspace)).isEmpty()) {
			return Optional.empty();
		}
		String url = link.get().url();
		// An erased recipient's opens and clicks are not kept: they would be their data
		// again.
		sent.filter(found -> !found.erased()).ifPresent(found -> {
			Device device = agents.analyze(userAgent);
			String reason = machines.click(userAgent, ip, device, fetch).orElse(null);
			events.write(new Event(TrackingEventWriter.Kind.CLICK, found, url, clock.instant(), userAgent, ip, device,
					reason));
		});
		// The destination is the message's own link (the tag proves it), even when the
		// message was erased since.
		return Optional.of(url);
	}

	/** The message a link names, erased or not. */
	private Optional<Recipient> sent(Link link) {
		return sent.find(link.enrolmentId(), link.step());
	}

	/** Whether the message may be engaged with on the host of {@code hostWorkspace}. */
	private static boolean on(Recipient recipient, UUID hostWorkspace) {
		return hostWorkspace == null || hostWorkspace.equals(recipient.workspaceId());
	}

}
