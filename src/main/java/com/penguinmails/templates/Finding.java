package com.penguinmails.templates;

/**
 * One thing the deliverability lint found in a message.
 *
 * @param code the rule's stable code, e.g. {@code spam-phrase}, {@code low-contrast}
 * @param severity {@link Severity#WARNING} or {@link Severity#INFO}
 * @param message what was found, in a sentence: "“act now” in the subject"
 * @param explanation why it matters and what to do, in plain words
 */
public record Finding(String code, Severity severity, String message, String explanation) {

	/** A warning. */
	public static Finding warning(String code, String message, String explanation) {
		return new Finding(code, Severity.WARNING, message, explanation);
	}

	/** A note. */
	public static Finding info(String code, String message, String explanation) {
		return new Finding(code, Severity.INFO, message, explanation);
	}

}
