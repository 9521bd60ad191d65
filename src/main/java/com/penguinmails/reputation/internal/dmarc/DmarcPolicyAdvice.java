package com.penguinmails.reputation.internal.dmarc;

import java.util.List;

import com.penguinmails.reputation.DmarcDomainView.Evidence;
import com.penguinmails.reputation.DmarcDomainView.Recommendation;
import com.penguinmails.reputation.DmarcDomainView.SourceGroup;
import com.penguinmails.reputation.DmarcDomainView.SourceKind;
import com.penguinmails.reputation.DmarcDomainView.Step;

/**
 * When it is safe to move a domain's DMARC policy a step (RFC 7489 §6.3 {@code p=}: none
 * → quarantine → reject), as RFC 7489 Appendix B and M3AAWG's DMARC guidance advise: only
 * on enough data, and when our own mail passes. The rules, over the last 30 days: at
 * least {@value #MIN_DAYS} days of reports at the current policy and
 * {@value #MIN_MESSAGES} messages; our sources passing at least 98%. Unknown sources'
 * failing mail is what a stricter policy acts on: it is shown, not a reason to wait.
 */
final class DmarcPolicyAdvice {

	static final int MIN_DAYS = 14;

	static final long MIN_MESSAGES = 100;

	static final double MIN_PASS_RATE = 0.98;

	private DmarcPolicyAdvice() {
	}

	static Recommendation recommend(String policy, int daysOfData, int daysAtPolicy, List<SourceGroup> groups) {
		SourceGroup ours = group(groups, SourceKind.OURS);
		SourceGroup others = group(groups, SourceKind.OTHER);
		long messages = groups.stream().mapToLong(SourceGroup::messages).sum();
		Evidence evidence = new Evidence(daysOfData, daysAtPolicy, messages, ours.messages(), ours.rate(),
				others.sources().size(), others.messages(), others.messages() - others.passed(), MIN_DAYS, MIN_MESSAGES,
				MIN_PASS_RATE);
		if (policy == null) {
			return new Recommendation(null, Step.WAIT, null,
					"No reports yet: publish a DMARC record with p=none and an rua address that reaches your reports mailbox.",
					evidence);
		}
		if ("reject".equals(policy)) {
			return new Recommendation(policy, Step.KEEP, null,
					"The domain is at p=reject, the strongest policy: keep it, and keep our sources passing.",
					evidence);
		}
		String next = "none".equals(policy) ? "quarantine" : "reject";
		if (daysAtPolicy < MIN_DAYS || messages < MIN_MESSAGES) {
			return new Recommendation(policy, Step.WAIT, null,
					"Stay at p=" + policy + " for now: " + daysAtPolicy + " of the last " + DmarcAnalysis.WINDOW_DAYS
							+ " days had reports at this policy (needs " + MIN_DAYS + ") and " + messages
							+ " messages were reported (needs " + MIN_MESSAGES + ").",
					evidence);
		}
		if (ours.rate() == null || ours.rate() < MIN_PASS_RATE) {
			String rate = ours.rate() == null ? "no mail from our servers was reported"
					: "our servers pass " + percent(ours.rate());
			return new Recommendation(policy, Step.FIX, null,
					"Fix the failures below before p=" + next + ": " + rate + ", and a stricter policy would "
							+ ("quarantine".equals(next) ? "send" : "refuse") + " our own failing mail"
							+ ("quarantine".equals(next) ? " to spam." : "."),
					evidence);
		}
		String caution = evidence.unknownFailed() == 0 ? ""
				: " Check that no unknown source (" + evidence.unknownSources()
						+ ") is a service of yours: their failing mail (" + evidence.unknownFailed()
						+ " messages) would be " + ("quarantine".equals(next) ? "quarantined." : "refused.");
		return new Recommendation(policy, Step.MOVE, next,
				"Safe to publish p=" + next + ": our servers passed " + percent(ours.rate()) + " of their "
						+ ours.messages() + " messages; " + daysAtPolicy + " of the last " + DmarcAnalysis.WINDOW_DAYS
						+ " days had reports at this policy, with " + messages + " messages from all sources."
						+ caution,
				evidence);
	}

	private static SourceGroup group(List<SourceGroup> groups, SourceKind kind) {
		return groups.stream().filter(g -> g.kind() == kind).findFirst().orElseThrow();
	}

	static String percent(double rate) {
		return String.format(java.util.Locale.ROOT, "%.1f%%", rate * 100);
	}

}
