package com.penguinmails.alerts.internal;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.reputation.RecipientProvider;
import com.penguinmails.reputation.ThrottleDecided;

/**
 * Throttling decisions as alerts: a path suspended by provider signals is critical, a
 * path slowed a warning (once a day per mailbox and path), a path back to normal
 * information (once a day per path). Overrides are people's own doing and raise nothing.
 */
@Component
class ThrottleAlerts {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private final AlertRaiser raiser;

	ThrottleAlerts(AlertRaiser raiser) {
		this.raiser = raiser;
	}

	@ApplicationModuleListener
	void on(ThrottleDecided decided) {
		if (decided.action().manual()) {
			return;
		}
		String to = decided.provider() == RecipientProvider.OTHER ? decided.path() : decided.provider().label();
		String reply = decided.evidence().isEmpty() ? "" : " The server said: " + clip(decided.evidence().get(0));
		String link = "/reputation/throttling";
		switch (decided.action()) {
			case SUSPEND -> raiser.raise(decided.workspaceId(), "throttle.suspended", "critical",
					decided.email() + ": sending to " + to + " suspended until "
							+ TIME.format(decided.suspendedUntil()),
					decided.reason() + "." + reply + " Other recipients are not affected; after the suspension a"
							+ " small trial rate is tried. You can resume it or keep it suspended.",
					link);
			case SLOW -> raiser.raiseOnce(decided.workspaceId(), "throttle.slowed", "warning",
					decided.email() + ": sending to " + to + " slowed to " + decided.perHour() + " an hour",
					decided.reason() + "." + reply + " It comes back to normal after a clean window.", link,
					Duration.ofDays(1));
			// Once a day per path: a path that keeps falling back and recovering does not
			// email its admins at every recovery.
			case RECOVER -> raiser.raiseOnce(decided.workspaceId(), "throttle.recovered", "info",
					decided.email() + ": sending to " + to + " is back to normal", decided.reason() + ".", link,
					Duration.ofDays(1));
			default -> {
				// Trial and easing steps are on the throttling page, not worth an alert.
			}
		}
	}

	private static String clip(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

}
