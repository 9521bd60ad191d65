package com.penguinmails.alerts.internal;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.certificates.CertificateAttention;

/**
 * A tracking host's certificate that expires soon, or cannot be obtained, raises an alert
 * (in the app and by email to the owner and admins), at most once a week per host and
 * reason.
 */
@Component
class CertificateAlerts {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private final AlertRaiser raiser;

	CertificateAlerts(AlertRaiser raiser) {
		this.raiser = raiser;
	}

	@ApplicationModuleListener
	void on(CertificateAttention attention) {
		String why = attention.lastError().isBlank() ? "" : " The certificate authority said: " + attention.lastError();
		String type;
		String severity;
		String title;
		String body;
		if (attention.reason() == CertificateAttention.Reason.EXPIRING) {
			type = "certificate.expiring";
			severity = "warning";
			title = "The HTTPS certificate of " + attention.host() + " expires soon";
			body = "It expires on " + DAY.format(attention.notAfter()) + " and has not been renewed yet. Tracked links "
					+ "and images on this host stop working over HTTPS when it expires." + why;
		}
		else if (attention.notAfter() != null) {
			type = "certificate.renewal_failing";
			severity = "warning";
			title = "Renewing the HTTPS certificate of " + attention.host() + " keeps failing";
			body = "The certificate in use is valid until " + DAY.format(attention.notAfter())
					+ "; PenguinMails keeps trying to renew it." + why;
		}
		else {
			type = "certificate.failing";
			severity = "critical";
			title = "No HTTPS certificate can be obtained for " + attention.host();
			body = "Requests for its certificate keep failing, so links on this host may show a browser warning." + why;
		}
		raiser.raiseOnce(attention.workspaceId(), type, severity, title, body, "/domains/" + attention.domainId(),
				Duration.ofDays(7));
	}

}
