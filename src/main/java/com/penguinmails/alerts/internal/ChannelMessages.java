package com.penguinmails.alerts.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * The bodies posted to chat incoming webhooks, built with Jackson (never by string
 * concatenation, so a title cannot break out of its JSON string).
 * <ul>
 * <li>Slack: an incoming-webhook message, {@code {"text": ..., "blocks": [...]}} (Slack's
 * "Sending messages using incoming webhooks" and Block Kit reference): a header block, a
 * section in mrkdwn with the body and the links, a context block. {@code text} is the
 * notification's fallback.</li>
 * <li>Microsoft Teams (Workflows "post to a channel when a webhook request is received",
 * and the older Office 365 connectors, which take the same message): {@code {"type":
 * "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive",
 * "content": <Adaptive Card 1.4>}]}} with {@code Action.OpenUrl} buttons.</li>
 * </ul>
 */
@Component
class ChannelMessages {

	/**
	 * One alert as a message says it.
	 *
	 * @param headline the first line: the title, with "Escalated:" before it for a step
	 * after the first
	 * @param pageUrl the alert's page
	 * @param ackUrl the signed acknowledgement link
	 */
	record Message(String headline, String severity, String type, String body, String workspace, String pageUrl,
			String ackUrl) {
	}

	private final ObjectMapper json;

	ChannelMessages(ObjectMapper json) {
		this.json = json;
	}

	String slack(Message message) {
		ObjectNode root = json.createObjectNode();
		root.put("text", "[" + message.severity() + "] " + message.headline());
		ArrayNode blocks = root.putArray("blocks");
		ObjectNode header = blocks.addObject();
		header.put("type", "header");
		// Block Kit: a header's plain_text is at most 150 characters.
		header.putObject("text").put("type", "plain_text").put("text", clip(message.headline(), 150));
		ObjectNode section = blocks.addObject();
		section.put("type", "section");
		// Block Kit: a section's text is at most 3000 characters.
		section.putObject("text")
			.put("type", "mrkdwn")
			.put("text", clip(escape(message.body()), 2500) + "\n<" + message.ackUrl() + "|Acknowledge> · <"
					+ message.pageUrl() + "|Open in PenguinMails>");
		ObjectNode context = blocks.addObject();
		context.put("type", "context");
		context.putArray("elements")
			.addObject()
			.put("type", "mrkdwn")
			.put("text", "*" + escape(message.severity()) + "* · " + escape(message.type()) + " · "
					+ escape(message.workspace()));
		return write(root);
	}

	String teams(Message message) {
		ObjectNode root = json.createObjectNode();
		root.put("type", "message");
		ObjectNode attachment = root.putArray("attachments").addObject();
		attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
		attachment.putNull("contentUrl");
		ObjectNode card = attachment.putObject("content");
		card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
		card.put("type", "AdaptiveCard");
		card.put("version", "1.4");
		ArrayNode body = card.putArray("body");
		body.addObject()
			.put("type", "TextBlock")
			.put("text", message.headline())
			.put("weight", "Bolder")
			.put("size", "Medium")
			.put("wrap", true)
			.put("color", "critical".equals(message.severity()) ? "Attention" : "Default");
		body.addObject().put("type", "TextBlock").put("text", message.body()).put("wrap", true);
		ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
		facts.addObject().put("title", "Severity").put("value", message.severity());
		facts.addObject().put("title", "Type").put("value", message.type());
		facts.addObject().put("title", "Workspace").put("value", message.workspace());
		ArrayNode actions = card.putArray("actions");
		actions.addObject().put("type", "Action.OpenUrl").put("title", "Acknowledge").put("url", message.ackUrl());
		actions.addObject()
			.put("type", "Action.OpenUrl")
			.put("title", "Open in PenguinMails")
			.put("url", message.pageUrl());
		return write(root);
	}

	/**
	 * Slack mrkdwn: {@code &}, {@code <} and {@code >} are control characters, escaped.
	 */
	static String escape(String text) {
		return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static String clip(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	private String write(ObjectNode node) {
		try {
			return json.writeValueAsString(node);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
