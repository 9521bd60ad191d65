package com.penguinmails.warmup;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A placement test: one campaign step sent to seed mailboxes, and where each copy landed.
 *
 * @param step 1-based
 * @param variant 1-based, or null for the step's first variant
 * @param mailboxId the mailbox it was sent from
 * @param seeds one per seed address, in the order given (pool seeds first)
 * @param providers the seeds summed per provider (the seed's IMAP host's registered
 * domain), in order of first appearance
 */
public record PlacementTest(UUID id, UUID campaignId, int step, Integer variant, UUID mailboxId, String subject,
		Instant createdAt, List<Seed> seeds, List<Provider> providers) {

	/**
	 * One seed and where its copy was found.
	 *
	 * @param checkable PenguinMails reads this mailbox (a pool mailbox or one of the
	 * workspace's own); otherwise the copy is "sent, not checkable"
	 * @param placement {@link Placement#PENDING} until found, or until 15 minutes pass
	 * ({@link Placement#MISSING})
	 * @param foundFolder the folder it was found in (e.g. "Junk", "Promotions"), or null
	 * @param error why it was not sent, or null
	 */
	public record Seed(String address, String provider, boolean checkable, Placement placement, String foundFolder,
			Instant sentAt, String error, Instant checkedAt) {

		/** Where it landed, in words for the page. */
		public String status() {
			if (error != null) {
				return "Not sent";
			}
			if (!checkable) {
				return "Sent, not checkable";
			}
			return switch (placement) {
				case PENDING -> "Looking for it";
				case OTHER -> "Other folder" + (foundFolder == null ? "" : ": " + foundFolder);
				default -> placement.label();
			};
		}

	}

	/** The seeds of one provider, counted by where they landed. */
	public record Provider(String provider, int seeds, int inbox, int spam, int other, int missing, int pending,
			int notCheckable) {
	}

	/** A seed is still being looked for. */
	public boolean pending() {
		return seeds.stream().anyMatch(s -> s.checkable() && s.error() == null && s.placement() == Placement.PENDING);
	}

	/** The test as listed in the history: no seeds, the counts over all seeds. */
	public record Summary(UUID id, UUID campaignId, int step, Integer variant, String subject, Instant createdAt,
			int seeds, int inbox, int spam, int other, int missing, int pending) {
	}

}
