package com.penguinmails.warmup;

import com.penguinmails.warmup.WarmupSchedule.Preset;

/**
 * A workspace's warmup choices.
 *
 * @param sharedPool its mailboxes warm with the installation-wide pool of every workspace
 * that opted in, else only with each other
 * @param enableNewMailboxes a newly connected mailbox starts warming with
 * {@code defaultPreset}
 * @param defaultPreset the preset new mailboxes start with (never {@code custom})
 * @param spamThresholdPercent the closed loop steps a mailbox back when more than this
 * share of its warmup mail (last 3 days) lands in spam (5–80)
 */
public record WarmupSettings(boolean sharedPool, boolean enableNewMailboxes, Preset defaultPreset,
		int spamThresholdPercent) {

	/** What a workspace has before anyone changed anything. */
	public static final WarmupSettings DEFAULTS = new WarmupSettings(false, false, Preset.STANDARD, 20);

	/**
	 * A change of the settings (the API's PUT body and the page's form); a null field
	 * keeps its value.
	 *
	 * @param defaultPreset {@code standard}, {@code aggressive} or {@code conservative}
	 */
	public record Changes(Boolean sharedPool, Boolean enableNewMailboxes, String defaultPreset,
			Integer spamThresholdPercent) {
	}

}
