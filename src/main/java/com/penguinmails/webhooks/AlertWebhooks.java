package com.penguinmails.webhooks;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.internal.CatalogueEvent;
import com.penguinmails.webhooks.internal.WebhookEventLog;

/**
 * The alerts feature's way into the event catalogue: alerts routed to a webhook alert
 * channel become {@code alert.raised}, their acknowledgement {@code alert.acknowledged},
 * shaped by {@code webhooks/schemas/alert.*.json}. Called by alerts (which depends on
 * this module); this module knows nothing of alerts' types. Each is one business event
 * per alert ({@code alert.raised:<alert id>}), appended only when an enabled endpoint of
 * the workspace subscribes to it.
 */
@Service
public class AlertWebhooks {

	/**
	 * The alert as the schemas describe it.
	 *
	 * @param type the alert type's stable key ({@code "domain.dns_failing"})
	 * @param url the absolute URL of the alert's page
	 */
	public record AlertData(UUID id, String type, String severity, String title, String body, String url,
			Instant raisedAt) {
	}

	private final WebhookEventLog log;

	private final ObjectMapper json;

	AlertWebhooks(WebhookEventLog log, ObjectMapper json) {
		this.log = log;
		this.json = json;
	}

	/**
	 * Appends {@code alert.raised}.
	 * @return whether an endpoint subscribes (false: nothing was stored)
	 */
	public boolean raised(UUID workspaceId, AlertData alert, Instant now) {
		if (!log.wanted(workspaceId, EventType.ALERT_RAISED.type())) {
			return false;
		}
		ObjectNode data = data(workspaceId, alert);
		log.append(new CatalogueEvent(workspaceId, EventType.ALERT_RAISED.type(),
				EventType.ALERT_RAISED.type() + ":" + alert.id(), null, now, data));
		return true;
	}

	/**
	 * Appends {@code alert.acknowledged}.
	 * @param by who acknowledged it, in words
	 * @return whether an endpoint subscribes (false: nothing was stored)
	 */
	public boolean acknowledged(UUID workspaceId, AlertData alert, String by, Instant at) {
		if (!log.wanted(workspaceId, EventType.ALERT_ACKNOWLEDGED.type())) {
			return false;
		}
		ObjectNode data = data(workspaceId, alert);
		data.put("acknowledged_by", by);
		data.put("acknowledged_at", at.toString());
		log.append(new CatalogueEvent(workspaceId, EventType.ALERT_ACKNOWLEDGED.type(),
				EventType.ALERT_ACKNOWLEDGED.type() + ":" + alert.id(), null, at, data));
		return true;
	}

	private ObjectNode data(UUID workspaceId, AlertData alert) {
		ObjectNode data = json.createObjectNode();
		data.put("workspace_id", workspaceId.toString());
		ObjectNode node = data.putObject("alert");
		node.put("id", alert.id().toString());
		node.put("type", alert.type());
		node.put("severity", alert.severity());
		node.put("title", alert.title());
		node.put("body", alert.body());
		node.put("url", alert.url());
		node.put("raised_at", alert.raisedAt().toString());
		return data;
	}

}
