package com.penguinmails.reputation;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonValue;

import com.penguinmails.shared.StoredValue;

/**
 * What the DMARC aggregate reports (RFC 7489, RFC 9990) say about one sending domain.
 *
 * @param policy the {@code p=} of the latest report ({@code none}, {@code quarantine},
 * {@code reject}), or {@code null} without reports
 * @param passRates over the last 7, 30 and 90 days (UTC, today included)
 * @param groups who sends as the domain in the last 30 days: our sources, forwarders,
 * others (always the three, possibly empty)
 * @param fixes what to change so our mail passes, busiest first
 * @param recommendation the next policy step, with its evidence
 * @param record the domain's DMARC record as DNS shows it and the record to publish for
 * the recommended step
 */
public record DmarcDomainView(UUID domainId, String domain, String policy, List<PassRate> passRates,
		List<SourceGroup> groups, List<Fix> fixes, Recommendation recommendation, PolicyRecord record) {

	/** The same view with the domain's DMARC record. */
	public DmarcDomainView withRecord(PolicyRecord value) {
		return new DmarcDomainView(domainId, domain, policy, passRates, groups, fixes, recommendation, value);
	}

	/**
	 * The DMARC TXT record (RFC 7489 §6.3) of the domain.
	 *
	 * @param host where it is published: {@code _dmarc.<domain>}
	 * @param published the record as the last DNS check found it, or {@code null} when
	 * none was found
	 * @param toPublish the record for the recommended step: the published one (else the
	 * one PenguinMails suggests) with {@code p=} set to the next policy and every other
	 * tag ({@code rua}, {@code ruf}, {@code pct}, {@code adkim}, {@code aspf},
	 * {@code sp}...) kept; {@code null} when the step is not to move
	 */
	public record PolicyRecord(String host, String published, String toPublish) {
	}

	/**
	 * DMARC results over a period.
	 *
	 * @param days the period's length in days, ending today
	 * @param messages messages reported
	 * @param passed of those, messages that passed DMARC (aligned DKIM or SPF, RFC 7489
	 * §6.6.2)
	 * @param rate passed / messages, 0–1, or {@code null} without messages
	 */
	public record PassRate(int days, long messages, long passed, Double rate) {
	}

	/** Who a source is. */
	public enum SourceKind implements StoredValue {

		/**
		 * One of our mailboxes' SMTP servers, or an address the domain's SPF mechanisms
		 * name.
		 */
		OURS("ours"),
		/**
		 * A forwarder or mailing list: the receiver said so, or DKIM passed aligned while
		 * SPF failed (forwarding breaks SPF, not DKIM).
		 */
		FORWARDER("forwarder"),
		/** Anyone else: a service not set up, or someone spoofing the domain. */
		OTHER("other");

		private final String value;

		SourceKind(String value) {
			this.value = value;
		}

		@JsonValue
		@Override
		public String value() {
			return value;
		}

		/** In words for the page. */
		public String label() {
			return switch (this) {
				case OURS -> "Our servers";
				case FORWARDER -> "Forwarders";
				case OTHER -> "Others";
			};
		}

	}

	/**
	 * One source IP over the last 30 days.
	 *
	 * @param reverseName the PTR name of the IP, when known
	 * @param messages messages reported from it
	 * @param passed messages that passed DMARC
	 * @param dkimAligned messages with an aligned DKIM pass
	 * @param spfAligned messages with an aligned SPF pass
	 * @param reporters the receivers that reported it ({@code org_name})
	 */
	public record Source(String ip, String reverseName, SourceKind kind, long messages, long passed, long dkimAligned,
			long spfAligned, List<String> reporters) {
	}

	/**
	 * The sources of one kind.
	 *
	 * @param rate passed / messages, 0–1, or {@code null} without messages
	 */
	public record SourceGroup(SourceKind kind, long messages, long passed, Double rate, List<Source> sources) {
	}

	/**
	 * A failure to fix.
	 *
	 * @param ip the source
	 * @param check {@code DKIM} or {@code SPF}
	 * @param messages messages that failed that check (aligned) in the last 30 days
	 * @param dmarcFailed whether those messages failed DMARC too (the other check failed
	 * as well), i.e. the receiver applied the policy to them
	 * @param advice what to change, in words
	 */
	public record Fix(String ip, String reverseName, SourceKind kind, String check, long messages, boolean dmarcFailed,
			String advice) {
	}

	/** What the recommendation says to do. */
	public enum Step implements StoredValue {

		/** Too little data yet. */
		WAIT("wait"),
		/** Our own mail fails too often: fix it before a stricter policy. */
		FIX("fix"),
		/** Safe to publish the stricter policy named in {@code next}. */
		MOVE("move"),
		/** Already at {@code reject}: keep it. */
		KEEP("keep");

		private final String value;

		Step(String value) {
			this.value = value;
		}

		@JsonValue
		@Override
		public String value() {
			return value;
		}

	}

	/**
	 * The next policy step (none → quarantine → reject) and why.
	 *
	 * @param current the published policy, or {@code null} without reports
	 * @param next the policy to publish next, or {@code null} when it is not time
	 * @param summary the advice in words
	 * @param evidence what it rests on
	 */
	public record Recommendation(String current, Step step, String next, String summary, Evidence evidence) {
	}

	/**
	 * The evidence of a recommendation, over the last 30 days.
	 *
	 * @param daysOfData days with reports
	 * @param daysAtPolicy of those, days whose reports found the current policy
	 * @param messages messages reported
	 * @param ourMessages messages from our sources
	 * @param ourPassRate the DMARC pass rate of our sources, 0–1, or {@code null}
	 * @param unknownSources sources that are neither ours nor forwarders
	 * @param unknownMessages their messages
	 * @param unknownFailed of those, messages that failed DMARC (what a stricter policy
	 * would act on)
	 * @param minDays the days of data the rule asks for
	 * @param minMessages the messages the rule asks for
	 * @param minPassRate the pass rate of our sources the rule asks for, 0–1
	 */
	public record Evidence(int daysOfData, int daysAtPolicy, long messages, long ourMessages, Double ourPassRate,
			int unknownSources, long unknownMessages, long unknownFailed, int minDays, long minMessages,
			double minPassRate) {
	}

}
