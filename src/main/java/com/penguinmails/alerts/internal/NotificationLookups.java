package com.penguinmails.alerts.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;

/** What the public services ask of the notification queue. */
@Component
public class NotificationLookups {

	private final NotificationRepository notifications;

	NotificationLookups(NotificationRepository notifications) {
		this.notifications = notifications;
	}

	/**
	 * Whether the alert went out to a webhook channel (its acknowledgement goes there
	 * too).
	 */
	public boolean sentToWebhook(UUID workspaceId, UUID alertId) {
		return notifications.sentToWebhook(workspaceId, alertId);
	}

}
