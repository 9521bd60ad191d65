package com.penguinmails.alerts.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.warmup.HealthScore;
import com.penguinmails.warmup.WarmupHealth;
import com.penguinmails.warmup.WarmupHealthChanged;

/**
 * A mailbox whose warmup health score falls below 70, or drops by 10 points or more,
 * raises a warning (in the app and by email) that says where its warmup mail landed.
 */
@Component
class WarmupAlerts {

	/** Below this a score alerts. */
	static final int HEALTHY = 70;

	/** A drop of this many points alerts whatever the score. */
	static final int DROP = 10;

	private final AlertRaiser raiser;

	private final WarmupHealth health;

	WarmupAlerts(AlertRaiser raiser, WarmupHealth health) {
		this.raiser = raiser;
		this.health = health;
	}

	@ApplicationModuleListener
	void on(WarmupHealthChanged changed) {
		Integer before = changed.previousScore();
		boolean fellBelow = changed.score() < HEALTHY && (before == null || before >= HEALTHY);
		boolean dropped = before != null && before - changed.score() >= DROP;
		if (!fellBelow && !dropped) {
			return;
		}
		String title = before == null ? "Warmup health of " + changed.email() + " is " + changed.score()
				: "Warmup health of " + changed.email() + " fell from " + before + " to " + changed.score();
		String why = health.latest(changed.workspaceId(), changed.mailboxId())
			.map(measure -> why(measure.parts()))
			.orElse("");
		raiser.raise(changed.workspaceId(), "warmup.health_low", "warning", title,
				why + "Warmup slows down by itself while too much lands in spam; check the domain's DNS and what "
						+ "the mailbox's campaigns send.",
				"/warmup/mailboxes/" + changed.mailboxId());
	}

	/** Where the warmup mail landed and what else cost points, as sentences. */
	static String why(HealthScore parts) {
		List<String> sentences = new ArrayList<>();
		sentences.add(parts.spam() + " of " + parts.known() + " warmup messages landed in spam in the last 7 days"
				+ (parts.missing() > 0 ? " and " + parts.missing() + " never arrived" : "") + ".");
		if (!parts.dnsMissing().isEmpty()) {
			sentences.add("Not passing for its domain: " + String.join(", ", parts.dnsMissing()) + ".");
		}
		if (parts.bounceRate() > 0) {
			sentences.add(String.format(Locale.ROOT, "Campaign bounces: %.1f%%.", parts.bounceRate() * 100));
		}
		if (parts.complaintRate() > 0) {
			sentences.add(String.format(Locale.ROOT, "Spam complaints: %.2f%%.", parts.complaintRate() * 100));
		}
		return String.join(" ", sentences) + " ";
	}

}
