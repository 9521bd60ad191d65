package com.penguinmails.campaigns;

/**
 * What a recipient did with one message of a campaign that A/B tests judge variants by;
 * each counts once per message.
 */
public enum Engagement {

	/** The message was opened by a person (tracking pixel, not a machine's fetch). */
	OPENED("opened", "opens"),
	/** A person clicked one of its links. */
	CLICKED("clicked", "clicks"),
	/** A person replied to it (not an automatic reply). */
	REPLIED("replied", "replies");

	private final String column;

	private final String metric;

	Engagement(String column, String metric) {
		this.column = column;
		this.metric = metric;
	}

	/** The boolean column of {@code campaign_engagements} that records it. */
	public String column() {
		return column;
	}

	/** The name of an A/B step's winner metric that counts it ({@code opens}...). */
	public String metric() {
		return metric;
	}

	/**
	 * The engagement an A/B winner metric counts.
	 * @throws IllegalArgumentException for a metric other than opens, clicks or replies
	 */
	public static Engagement ofMetric(String metric) {
		for (Engagement engagement : values()) {
			if (engagement.metric.equals(metric)) {
				return engagement;
			}
		}
		throw new IllegalArgumentException("Unknown winner metric " + metric);
	}

}
