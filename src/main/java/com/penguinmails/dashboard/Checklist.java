package com.penguinmails.dashboard;

import java.util.List;

/**
 * The setup checklist of a workspace, in the order a new user goes: each item ticks
 * itself when what it asks is true.
 *
 * @param dismissed whether the workspace hid it
 * @param done how many items are done, of {@code total} (items coming soon not counted)
 */
public record Checklist(boolean dismissed, List<Item> items, int done, int total) {

	/**
	 * One step.
	 *
	 * @param key a stable name ({@code domain-added}, {@code dns-verified},
	 * {@code mailbox-tested}, {@code warmup}, {@code contacts-imported},
	 * {@code campaign-launched}, {@code first-reply})
	 * @param hint what to do, or a way to do it faster (RFC 2136 publishing)
	 * @param link where it is done
	 * @param comingSoon the feature does not exist yet: never done, not counted
	 */
	public record Item(String key, String title, String hint, String link, boolean done, boolean comingSoon) {
	}

	/** Done items as a percentage of the total, 0 to 100. */
	public int percent() {
		return total == 0 ? 100 : done * 100 / total;
	}

	/** Whether every item that exists is done. */
	public boolean complete() {
		return done == total;
	}

}
