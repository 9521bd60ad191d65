package com.penguinmails.analytics;

import java.util.Arrays;

import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.StoredValue;

/**
 * What a campaign's recipient did, for the who-did-what lists: the funnel's stages
 * (contacted, delivered, opened, clicked, replied, interested) and the ends (bounced,
 * unsubscribed, complained). {@link #value()} is the {@code event} query parameter.
 */
public enum RecipientEvent implements StoredValue {

	CONTACTED("contacted", "Contacted"), DELIVERED("delivered", "Delivered"), OPENED("opened", "Opened"),
	CLICKED("clicked", "Clicked"), REPLIED("replied", "Replied"), INTERESTED("interested", "Interested"),
	BOUNCED("bounced", "Bounced"), UNSUBSCRIBED("unsubscribed", "Unsubscribed"), COMPLAINED("complained", "Complained");

	private final String value;

	private final String label;

	RecipientEvent(String value, String label) {
		this.value = value;
		this.label = label;
	}

	@Override
	public String value() {
		return value;
	}

	/** The event as people read it: "Opened". */
	public String label() {
		return label;
	}

	/** Whether machines' events (mail proxies, scanners) can be told apart for it. */
	public boolean tracked() {
		return this == OPENED || this == CLICKED;
	}

	/**
	 * The event named {@code value}; {@code contacted} when blank.
	 * @throws InvalidInputProblem (400) for another value
	 */
	public static RecipientEvent parse(String value) {
		if (value == null || value.isBlank()) {
			return CONTACTED;
		}
		return Arrays.stream(values())
			.filter(e -> e.value.equals(value))
			.findFirst()
			.orElseThrow(() -> new InvalidInputProblem("invalid-event",
					"event is one of contacted, delivered, opened, clicked, replied, interested, bounced, "
							+ "unsubscribed, complained"));
	}

}
