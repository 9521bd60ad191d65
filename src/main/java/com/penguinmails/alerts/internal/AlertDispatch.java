package com.penguinmails.alerts.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.alerts.AlertChannel;
import com.penguinmails.alerts.EscalationPolicy;
import com.penguinmails.identity.WorkspaceDirectory;

/**
 * Queues an alert's notifications: to a channel (an email channel: one per address, the
 * owner's and admins' when it lists none), held until the end of its quiet hours (unless
 * the alert is critical and the channel lets critical alerts through), or to one person's
 * address. Held ones say so on the alert's timeline; they go out when the window ends,
 * never dropped.
 */
@Component
class AlertDispatch {

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final ChannelRepository channels;

	private final NotificationRepository notifications;

	private final AlertRepository alerts;

	private final WorkspaceDirectory directory;

	AlertDispatch(ChannelRepository channels, NotificationRepository notifications, AlertRepository alerts,
			WorkspaceDirectory directory) {
		this.channels = channels;
		this.notifications = notifications;
		this.alerts = alerts;
		this.directory = directory;
	}

	void toChannel(UUID workspaceId, UUID alertId, AlertChannel channel, String severity, int step, Instant now) {
		Instant due = now;
		Optional<QuietHours> quiet = QuietHours.of(channel.quietZone(), channel.quietFrom(), channel.quietTo());
		boolean bypass = "critical".equals(severity) && channel.criticalBypassesQuiet();
		if (quiet.isPresent() && !bypass) {
			Optional<Instant> end = quiet.get().endOfWindowHolding(now);
			if (end.isPresent()) {
				due = end.get();
				ZoneId zone = quiet.get().zone();
				alerts.event(workspaceId, alertId, "held", "Held for the quiet hours of " + describe(channel)
						+ " until " + HOUR.format(due.atZone(zone)) + " " + zone.getId(), now);
			}
		}
		if (!"email".equals(channel.kind())) {
			notifications.enqueue(workspaceId, alertId, channel.id(), null, step, due, now);
			return;
		}
		// One notification per address: each is sent, retried and reported on its own.
		List<String> addresses = channel.addresses().isBlank() ? directory.adminEmails(workspaceId)
				: List.of(channel.addresses().split("\\s*,\\s*"));
		for (String address : addresses) {
			notifications.enqueue(workspaceId, alertId, channel.id(), address, step, due, now);
		}
	}

	/** Queues step {@code step.position()} of an escalation policy. */
	void toStep(UUID workspaceId, UUID alertId, EscalationPolicy.Step step, String severity, Instant now) {
		if (step.email() != null) {
			notifications.enqueue(workspaceId, alertId, null, step.email(), step.position(), now, now);
			return;
		}
		channels.channel(workspaceId, step.channelId())
			.ifPresent(channel -> toChannel(workspaceId, alertId, channel, severity, step.position(), now));
	}

	/** A channel as the timeline names it: {@code Slack "On call"}. */
	static String describe(AlertChannel channel) {
		String kind = switch (channel.kind()) {
			case "slack" -> "Slack";
			case "teams" -> "Microsoft Teams";
			case "webhook" -> "Webhooks";
			default -> "Email";
		};
		return kind + " \"" + channel.name() + "\"";
	}

}
