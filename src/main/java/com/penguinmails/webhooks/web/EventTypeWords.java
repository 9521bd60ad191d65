package com.penguinmails.webhooks.web;

import com.penguinmails.webhooks.EventType;

/**
 * An event type's wire name in words for the pages ("message.bounced" → "Message
 * bounced").
 */
final class EventTypeWords {

	static final EventTypeWords INSTANCE = new EventTypeWords();

	private EventTypeWords() {
	}

	/**
	 * The type's title, or the wire name itself for a type the catalogue no longer has.
	 */
	public String title(String type) {
		return EventType.of(type).map(EventType::title).orElse(type);
	}

}
