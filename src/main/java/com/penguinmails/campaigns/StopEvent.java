package com.penguinmails.campaigns;

/**
 * What a recipient did (or what happened to their mail) that may end their sequence, each
 * matched by one of the campaign's stop conditions ({@link Campaign.Stops}). The
 * {@link #reason()} is what the stopped enrolment keeps as its {@code stop_reason}.
 */
public enum StopEvent {

	/** A person replied. */
	REPLIED("replied"),
	/**
	 * An automatic reply (out of office, RFC 3834); stops only when the campaign asks.
	 */
	AUTO_REPLIED("auto_replied"),
	/** A person (not a link scanner) clicked a link. */
	CLICKED("clicked"),
	/**
	 * The recipient unsubscribed from everything (link, RFC 8058 one-click or mailto).
	 */
	UNSUBSCRIBED("unsubscribed"),
	/** The recipient reported the message as spam (ARF, RFC 5965). */
	COMPLAINED("complained"),
	/** The address bounced for good (a reason whose action is to suppress). */
	BOUNCED("bounced");

	private final String reason;

	StopEvent(String reason) {
		this.reason = reason;
	}

	/** The stored stop reason, e.g. {@code replied}. */
	public String reason() {
		return reason;
	}

	/** Whether the campaign's stop conditions stop on this event. */
	public boolean stops(Campaign.Stops stops) {
		return switch (this) {
			case REPLIED -> stops.onReply();
			case AUTO_REPLIED -> stops.onAutoReply();
			case CLICKED -> stops.onClick();
			case UNSUBSCRIBED -> stops.onUnsubscribe();
			case COMPLAINED -> stops.onComplaint();
			case BOUNCED -> stops.onBounce();
		};
	}

}
