package com.penguinmails.alerts.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.alerts.AlertRoute;
import com.penguinmails.alerts.EscalationPolicy;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.PenguinMailsProperties;

/**
 * Stores an alert, starts its timeline and routes it. Routing, most specific first: the
 * rules of the alert's type at its severity, or when there is none the rules of its type
 * at any severity; then every rule of its severity; when none of these matches, the
 * default rules; when the workspace has none of those either, the owner and admins are
 * emailed at once (as before channels existed). Every matched channel gets one queued
 * notification ({@link AlertDispatch}); the escalation policy of the first matched rule
 * in that order (type and severity, type, severity, default) starts at step 1 with its
 * next step due.
 */
@Component
class AlertRaiser {

	private static final Logger log = LoggerFactory.getLogger(AlertRaiser.class);

	private final AlertRepository repository;

	private final ChannelRepository channels;

	private final PolicyRepository policies;

	private final AlertDispatch dispatch;

	private final WorkspaceDirectory directory;

	private final AlertMail mail;

	private final AckTokens tokens;

	private final PenguinMailsProperties properties;

	private final AlertsProperties settings;

	private final Clock clock;

	AlertRaiser(AlertRepository repository, ChannelRepository channels, PolicyRepository policies,
			AlertDispatch dispatch, WorkspaceDirectory directory, AlertMail mail, AckTokens tokens,
			PenguinMailsProperties properties, AlertsProperties settings, Clock clock) {
		this.repository = repository;
		this.channels = channels;
		this.policies = policies;
		this.dispatch = dispatch;
		this.directory = directory;
		this.mail = mail;
		this.tokens = tokens;
		this.properties = properties;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Raises an alert.
	 * @param type the stable type key ({@code "domain.dns_failing"})
	 * @param severity info, warning or critical
	 * @param path the application path with the details and fixes
	 * @return the alert's id
	 */
	UUID raise(UUID workspaceId, String type, String severity, String title, String body, String path) {
		Instant now = clock.instant();
		UUID id = repository.insert(workspaceId, type, severity, title, body, path, now);
		repository.event(workspaceId, id, "raised", capitalize(severity) + " alert of type " + type, now);
		List<AlertRoute> matched = matching(channels.routes(workspaceId), type, severity);
		if (matched.isEmpty()) {
			emailAdmins(workspaceId, id, title, body, path, now);
			return id;
		}
		Set<UUID> channelsSeen = new HashSet<>();
		UUID policyId = null;
		for (AlertRoute route : matched) {
			if (route.channelId() != null && channelsSeen.add(route.channelId())) {
				channels.channel(workspaceId, route.channelId())
					.ifPresent(channel -> dispatch.toChannel(workspaceId, id, channel, severity, 0, now));
			}
			else if (route.policyId() != null && policyId == null) {
				policyId = route.policyId();
			}
		}
		if (policyId != null) {
			policies.policy(workspaceId, policyId)
				.ifPresent(policy -> escalate(workspaceId, id, policy, severity, now));
		}
		return id;
	}

	/** The rules an alert follows, most specific first (see the class comment). */
	static List<AlertRoute> matching(List<AlertRoute> routes, String type, String severity) {
		List<AlertRoute> matched = new ArrayList<>(routes.stream()
			.filter(r -> "type".equals(r.matchKind()) && r.matchValue().equals(type)
					&& severity.equals(r.matchSeverity()))
			.toList());
		if (matched.isEmpty()) {
			matched.addAll(routes.stream()
				.filter(r -> "type".equals(r.matchKind()) && r.matchValue().equals(type) && r.matchSeverity() == null)
				.toList());
		}
		matched.addAll(routes.stream()
			.filter(r -> "severity".equals(r.matchKind()) && r.matchValue().equals(severity))
			.toList());
		return matched.isEmpty() ? routes.stream().filter(r -> "default".equals(r.matchKind())).toList() : matched;
	}

	/**
	 * Raises the alert unless one with the same title was raised in the workspace within
	 * {@code quiet}: a condition that holds for a while (a complaint rate over its
	 * threshold) alerts once, not at every event that confirms it.
	 */
	void raiseOnce(UUID workspaceId, String type, String severity, String title, String body, String path,
			Duration quiet) {
		if (!repository.raisedSince(workspaceId, title, clock.instant().minus(quiet))) {
			raise(workspaceId, type, severity, title, body, path);
		}
	}

	private void escalate(UUID workspaceId, UUID id, EscalationPolicy policy, String severity, Instant now) {
		if (policy.steps().isEmpty()) {
			return;
		}
		dispatch.toStep(workspaceId, id, policy.steps().get(0), severity, now);
		Instant next = policy.steps().size() > 1 ? now.plus(Duration.ofMinutes(policy.steps().get(1).afterMinutes()))
				: null;
		repository.startEscalation(workspaceId, id, policy.id(), next);
	}

	private void emailAdmins(UUID workspaceId, UUID id, String title, String body, String path, Instant now) {
		List<String> admins = directory.adminEmails(workspaceId);
		String link = UriComponentsBuilder.fromUri(properties.baseUrl()).path(path).toUriString();
		// The same signed link as every channel's message, naming no channel ("the link
		// sent by email" acknowledges it).
		String ack = UriComponentsBuilder.fromUri(properties.baseUrl())
			.path("/alerts/ack/{token}")
			.buildAndExpand(tokens.mint(id, null, now.plus(settings.ackLinkValidity())))
			.toUriString();
		for (String admin : admins) {
			try {
				mail.send(admin, "[PenguinMails] " + title,
						body + "\n\nWorkspace: " + directory.workspaceName(workspaceId) + "\nAcknowledge: " + ack
								+ "\nDetails and fixes: " + link + "\n");
				repository.event(workspaceId, id, "notified", "Emailed " + admin + " (owner or admin)", now);
			}
			catch (MailException ex) {
				log.warn("Could not email the alert \"{}\" to {}: {}", title, admin, ex.getMessage());
				repository.event(workspaceId, id, "failed", "Email to " + admin + " failed: " + ex.getMessage(), now);
			}
		}
	}

	private static String capitalize(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
