package com.penguinmails.alerts.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.alerts.Alert;
import com.penguinmails.alerts.AlertChannel;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Secrets;
import com.penguinmails.webhooks.AlertWebhooks;

/**
 * Sends due notifications, on every node: claims a batch ({@code SKIP LOCKED}, a lease),
 * sends each to its channel or address (an email channel's are one per address), and
 * records the outcome on the notification, the channel (its last error for the settings
 * page) and the alert's timeline. A failure is retried after 1, 5, 15 and 60 minutes; the
 * fifth failure is final.
 */
@Component
public class AlertNotifier {

	static final Duration LEASE = Duration.ofMinutes(2);

	private static final List<Duration> BACKOFF = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
			Duration.ofMinutes(15), Duration.ofMinutes(60));

	private final NotificationRepository notifications;

	private final ChannelRepository channels;

	private final AlertRepository alerts;

	private final ChannelMessages messages;

	private final ChannelHttp http;

	private final AlertMail mail;

	private final AlertWebhooks webhooks;

	private final AckTokens tokens;

	private final Secrets secrets;

	private final WorkspaceDirectory directory;

	private final PenguinMailsProperties properties;

	private final AlertsProperties settings;

	AlertNotifier(NotificationRepository notifications, ChannelRepository channels, AlertRepository alerts,
			ChannelMessages messages, ChannelHttp http, AlertMail mail, AlertWebhooks webhooks, AckTokens tokens,
			Secrets secrets, WorkspaceDirectory directory, PenguinMailsProperties properties,
			AlertsProperties settings) {
		this.notifications = notifications;
		this.channels = channels;
		this.alerts = alerts;
		this.messages = messages;
		this.http = http;
		this.mail = mail;
		this.webhooks = webhooks;
		this.tokens = tokens;
		this.secrets = secrets;
		this.directory = directory;
		this.properties = properties;
		this.settings = settings;
	}

	/**
	 * Sends the notifications due at {@code now} (at most 50).
	 * @return how many were attempted
	 */
	public int round(Instant now) {
		List<NotificationRepository.Pending> due = notifications.claim(now, 50, LEASE);
		for (NotificationRepository.Pending pending : due) {
			send(pending, now);
		}
		return due.size();
	}

	private void send(NotificationRepository.Pending pending, Instant now) {
		Optional<Alert> found = alerts.find(pending.workspaceId(), pending.alertId());
		Optional<AlertChannel> channel = pending.channelId() == null ? Optional.empty()
				: channels.channel(pending.workspaceId(), pending.channelId());
		if (found.isEmpty() || (pending.channelId() != null && channel.isEmpty())) {
			notifications.failed(pending.id(), "The alert or its channel was deleted");
			return;
		}
		Alert alert = found.get();
		String target = channel.map(AlertDispatch::describe).orElse("Email to " + pending.email());
		String success;
		try {
			success = channel.isPresent() ? deliver(pending, alert, channel.get(), now)
					: email(pending, alert, pending.email(), now);
		}
		catch (DeliveryFailed ex) {
			failed(pending, alert, channel, target, ex.getMessage(), now);
			return;
		}
		notifications.sent(pending.id(), now);
		channel.ifPresent(c -> channels.delivered(pending.workspaceId(), c.id(), now));
		alerts.event(pending.workspaceId(), alert.id(), "notified", target + step(pending) + ": " + success, now);
	}

	private void failed(NotificationRepository.Pending pending, Alert alert, Optional<AlertChannel> channel,
			String target, String error, Instant now) {
		channel.ifPresent(c -> channels.failed(pending.workspaceId(), c.id(), error, now));
		if (pending.attempts() > BACKOFF.size()) {
			notifications.failed(pending.id(), error);
			alerts.event(pending.workspaceId(), alert.id(), "failed",
					target + step(pending) + ": " + error + " (gave up after " + pending.attempts() + " attempts)",
					now);
			return;
		}
		Duration wait = BACKOFF.get(pending.attempts() - 1);
		notifications.retry(pending.id(), error, now.plus(wait));
		alerts.event(pending.workspaceId(), alert.id(), "failed",
				target + step(pending) + ": " + error + " (retried in " + wait.toMinutes() + " min)", now);
	}

	private static String step(NotificationRepository.Pending pending) {
		return pending.step() > 1 ? " (escalation step " + pending.step() + ")" : "";
	}

	private String deliver(NotificationRepository.Pending pending, Alert alert, AlertChannel channel, Instant now) {
		switch (channel.kind()) {
			case "slack", "teams" -> {
				String url = secrets.decrypt(channels.encryptedUrl(pending.workspaceId(), channel.id()),
						AlertSecrets.context(channel.id()));
				ChannelMessages.Message message = message(pending, alert, now);
				String body = "slack".equals(channel.kind()) ? messages.slack(message) : messages.teams(message);
				ChannelHttp.Outcome outcome = http.post(url, body);
				if (!outcome.delivered()) {
					throw new DeliveryFailed(outcome.error());
				}
				return "delivered (HTTP " + outcome.status() + ")";
			}
			case "webhook" -> {
				boolean wanted = webhooks.raised(pending.workspaceId(), new AlertWebhooks.AlertData(alert.id(),
						alert.type(), alert.severity(), alert.title(), alert.body(), pageUrl(alert), alert.createdAt()),
						now);
				return wanted ? "alert.raised queued for the subscribed webhook endpoints"
						: "no webhook endpoint subscribes to alert.raised";
			}
			default -> {
				if (pending.email() != null) {
					// One address of the channel: a retry re-sends to it alone.
					return email(pending, alert, pending.email(), now);
				}
				// Queued before V96, naming the channel only: every address at once.
				List<String> to = channel.addresses().isBlank() ? directory.adminEmails(pending.workspaceId())
						: List.of(channel.addresses().split("\\s*,\\s*"));
				for (String address : to) {
					email(pending, alert, address, now);
				}
				return "emailed " + String.join(", ", to);
			}
		}
	}

	private String email(NotificationRepository.Pending pending, Alert alert, String to, Instant now) {
		ChannelMessages.Message message = message(pending, alert, now);
		try {
			mail.send(to, "[PenguinMails] " + message.headline(),
					alert.body() + "\n\nSeverity: " + alert.severity() + " (" + alert.type() + ")\nWorkspace: "
							+ message.workspace() + "\nAcknowledge: " + message.ackUrl() + "\nDetails and fixes: "
							+ message.pageUrl() + "\n");
		}
		catch (MailException ex) {
			throw new DeliveryFailed("Email to " + to + " failed: " + ex.getMessage());
		}
		return "emailed " + to;
	}

	private ChannelMessages.Message message(NotificationRepository.Pending pending, Alert alert, Instant now) {
		UUID sentTo = pending.channelId();
		String token = tokens.mint(alert.id(), sentTo, now.plus(settings.ackLinkValidity()));
		String ackUrl = UriComponentsBuilder.fromUri(properties.baseUrl())
			.path("/alerts/ack/{token}")
			.buildAndExpand(token)
			.toUriString();
		String headline = (pending.step() > 1 ? "Escalated: " : "") + alert.title();
		return new ChannelMessages.Message(headline, alert.severity(), alert.type(), alert.body(),
				directory.workspaceName(pending.workspaceId()), pageUrl(alert), ackUrl);
	}

	private String pageUrl(Alert alert) {
		return UriComponentsBuilder.fromUri(properties.baseUrl())
			.path("/alerts/{id}")
			.buildAndExpand(alert.id())
			.toUriString();
	}

	/** A delivery that did not go through, with the words for the timeline. */
	static final class DeliveryFailed extends RuntimeException {

		DeliveryFailed(String message) {
			super(message);
		}

	}

}
