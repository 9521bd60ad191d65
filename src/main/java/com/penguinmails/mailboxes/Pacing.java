package com.penguinmails.mailboxes;

/**
 * A new mailbox's pacing when none is given: the one place that decides it, for the API,
 * the connect form (pre-filled per provider) and the sandbox demo alike.
 *
 * @param dailyCap messages a day at most
 * @param minGapSeconds shortest gap between two sends, in seconds
 * @param maxGapSeconds longest gap between two sends, in seconds (the gap is random
 * between the two)
 */
public record Pacing(int dailyCap, int minGapSeconds, int maxGapSeconds) {

	/**
	 * A real provider's mailbox: 30 a day, 60 to 300 s apart, as cold email should go.
	 */
	public static final Pacing STANDARD = new Pacing(30, 60, 300);

	/**
	 * The sandbox mail server's mailbox: no cap worth noticing and 2 to 5 s apart, so a
	 * trial campaign visibly moves (nothing leaves the machine).
	 */
	public static final Pacing SANDBOX = new Pacing(10_000, 2, 5);

	/**
	 * The pacing of a new mailbox of {@code preset} ({@code google}, {@code microsoft},
	 * {@code generic} or {@code sandbox}, any case; null or another: standard).
	 */
	public static Pacing of(String preset) {
		return "sandbox".equalsIgnoreCase(preset == null ? "" : preset.strip()) ? SANDBOX : STANDARD;
	}

}
