package com.penguinmails.webhooks.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.penguinmails.webhooks.EventType;

/** Words and groups the endpoint pages show. */
public final class EndpointView {

	/** A group of event types on the form. */
	public record Group(String name, List<EventType> types) {
	}

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private static final Map<String, String> GROUP_OF = Map.ofEntries(Map.entry("message", "Messages"),
			Map.entry("reply", "Messages"), Map.entry("campaign", "Campaigns"), Map.entry("enrolment", "Campaigns"),
			Map.entry("mailbox", "Mailboxes"), Map.entry("warmup", "Mailboxes"), Map.entry("contact", "Contacts"),
			Map.entry("import", "Contacts"), Map.entry("domain", "Health"), Map.entry("reputation", "Health"),
			Map.entry("sending", "Health"), Map.entry("postmaster", "Health"), Map.entry("alert", "Health"));

	private static final List<String> ORDER = List.of("Messages", "Campaigns", "Mailboxes", "Contacts", "Health",
			"Other");

	/** Event types grouped: messages, campaigns, mailboxes, contacts, health. */
	public List<Group> groups() {
		Map<String, List<EventType>> grouped = new LinkedHashMap<>();
		ORDER.forEach(name -> grouped.put(name, new ArrayList<>()));
		for (EventType type : EventType.values()) {
			String prefix = type.type().substring(0, type.type().indexOf('.'));
			grouped.get(GROUP_OF.getOrDefault(prefix, "Other")).add(type);
		}
		return grouped.entrySet()
			.stream()
			.filter(e -> !e.getValue().isEmpty())
			.map(e -> new Group(e.getKey(), e.getValue()))
			.toList();
	}

	/** "All events", or the types' titles: "Message bounced, Reply received". */
	public String words(List<String> types) {
		if (types.contains("*")) {
			return "All events";
		}
		return types.stream()
			.map(t -> EventType.of(t).map(EventType::title).orElse(t))
			.collect(Collectors.joining(", "));
	}

	/** A time in UTC, or an empty string. */
	public String time(Instant instant) {
		return instant == null ? "" : TIME.format(instant);
	}

}
