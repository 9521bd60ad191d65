package com.penguinmails.alerts.internal;

import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.domains.DomainClaimed;
import com.penguinmails.domains.DomainStatus;
import com.penguinmails.domains.DomainStatusChanged;

/**
 * A domain whose status changes raises an in-app alert and emails the workspace's owner
 * and admins. Runs after the verification commits, from the durable event publication
 * registry, so a crash in between only delays the alert.
 */
@Component
class DomainAlerts {

	private final AlertRaiser raiser;

	DomainAlerts(AlertRaiser raiser) {
		this.raiser = raiser;
	}

	@ApplicationModuleListener
	void on(DomainClaimed claim) {
		String title = claim.name() + " was claimed by another workspace";
		String body = "Someone proved control of its DNS by publishing a claim token, so the domain left this "
				+ "workspace. If that was not your team, check who can change the domain's DNS.";
		raise(claim.fromWorkspaceId(), "domain.claimed", "critical", title, body, "/domains");
	}

	@ApplicationModuleListener
	void on(DomainStatusChanged change) {
		String severity;
		String title;
		String body;
		switch (change.to()) {
			case FAILING -> {
				severity = "critical";
				title = change.name() + " is failing DNS verification";
				body = "A record that verified before no longer does. Mail from this domain may land in spam or be "
						+ "rejected until it is fixed.";
			}
			case VERIFIED -> {
				severity = "info";
				title = change.name() + " is verified";
				body = "Every required record (SPF, DKIM, DMARC) is in place.";
			}
			default -> {
				return;
			}
		}
		raise(change.workspaceId(), change.to() == DomainStatus.FAILING ? "domain.dns_failing" : "domain.verified",
				severity, title, body, "/domains/" + change.domainId());
	}

	private void raise(UUID workspaceId, String type, String severity, String title, String body, String path) {
		raiser.raise(workspaceId, type, severity, title, body, path);
	}

}
