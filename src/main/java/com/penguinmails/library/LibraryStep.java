package com.penguinmails.library;

import com.penguinmails.campaigns.DelayUnit;
import com.penguinmails.campaigns.StepFormat;

/**
 * One message of a library entry (a template has exactly one).
 *
 * @param delay how long after the previous step (or after enrolment, for the first)
 * @param newThread a new conversation rather than a reply in the same thread
 * @param subject the subject (Liquid and spintax allowed), one line
 * @param text the plain-text body (Liquid and spintax); for {@code html} entries the text
 * alternative
 * @param html the HTML body for {@link StepFormat#HTML}, null for plain text
 * @param format how the message is written
 */
public record LibraryStep(Delay delay, boolean newThread, String subject, String text, String html, StepFormat format) {

	/**
	 * A delay as written: {@code amount} of {@code unit}.
	 *
	 * @param amount 0 or more
	 */
	public record Delay(int amount, DelayUnit unit) {

		public static final Delay NONE = new Delay(0, DelayUnit.MINUTES);

		/** The delay in minutes. */
		public int minutes() {
			return Math.multiplyExact(amount, unit.minutes());
		}

		/** "right away", "after 3 days", "after 1 hour". */
		public String words() {
			return amount == 0 ? "right away" : "after " + unit.words(amount);
		}

		/**
		 * When the step is sent, in words: "Sent right away" or "Sent 10 minutes after
		 * enrolment" for the first step, "Sent 3 days after the previous step" for the
		 * others.
		 */
		public String sentWhen(boolean first) {
			if (amount == 0) {
				return first ? "Sent right away" : "Sent right after the previous step";
			}
			return "Sent " + unit.words(amount) + (first ? " after enrolment" : " after the previous step");
		}

	}

	/** Whether the message is written in HTML. */
	public boolean writtenInHtml() {
		return format == StepFormat.HTML;
	}

}
