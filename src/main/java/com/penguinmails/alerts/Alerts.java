package com.penguinmails.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.alerts.internal.AckTokens;
import com.penguinmails.alerts.internal.AlertRepository;
import com.penguinmails.alerts.internal.ChannelRepository;
import com.penguinmails.alerts.internal.NotificationLookups;
import com.penguinmails.identity.WorkspaceDirectory;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.PenguinMailsProperties;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.webhooks.AlertWebhooks;

/**
 * A workspace's alerts: every member sees them; reading one marks it read for the
 * workspace. Members acknowledge (which stops the escalation) and resolve them, on the
 * page, through the API ({@code alerts:read}, {@code alerts:write}) or with the signed
 * link sent in each message; each of these lands on the alert's timeline and in the audit
 * log.
 */
@Service
public class Alerts {

	private final AlertRepository repository;

	private final ChannelRepository channels;

	private final NotificationLookups notifications;

	private final AckTokens tokens;

	private final WorkspaceDirectory directory;

	private final AlertWebhooks webhooks;

	private final ApplicationEventPublisher events;

	private final PenguinMailsProperties properties;

	private final Clock clock;

	Alerts(AlertRepository repository, ChannelRepository channels, NotificationLookups notifications, AckTokens tokens,
			WorkspaceDirectory directory, AlertWebhooks webhooks, ApplicationEventPublisher events,
			PenguinMailsProperties properties, Clock clock) {
		this.repository = repository;
		this.channels = channels;
		this.notifications = notifications;
		this.tokens = tokens;
		this.directory = directory;
		this.webhooks = webhooks;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/** The workspace's latest {@code limit} alerts, newest first. */
	public List<Alert> recent(Tenant tenant, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "workspace:read");
		return repository.recent(tenant.workspaceId(), limit);
	}

	/**
	 * The latest {@code limit} alerts for the API ({@code alerts:read}), newest first.
	 */
	public List<Alert> list(Tenant tenant, int limit) {
		tenant.require(WorkspaceRole.VIEWER, "alerts:read");
		return repository.recent(tenant.workspaceId(), limit);
	}

	/**
	 * One alert of the workspace.
	 * @throws NotFoundProblem when the workspace has no such alert
	 */
	public Alert find(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.VIEWER, "alerts:read");
		return repository.find(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("alert"));
	}

	/** The alert's incident timeline, oldest first. */
	public List<AlertEvent> timeline(Tenant tenant, UUID id) {
		find(tenant, id);
		return repository.timeline(tenant.workspaceId(), id);
	}

	/** How many of the workspace's alerts nobody has read. */
	public long unread(Tenant tenant) {
		return repository.unread(tenant.workspaceId());
	}

	/** Marks every alert of the workspace read, now. */
	public void markAllRead(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "workspace:read");
		repository.markAllRead(tenant.workspaceId(), clock.instant());
	}

	/**
	 * Acknowledges an open alert (a member or higher, {@code alerts:write}): its
	 * escalation stops. Acknowledging one already acknowledged or resolved changes
	 * nothing.
	 * @return the alert as it is now
	 */
	@Transactional
	public Alert acknowledge(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "alerts:write");
		Alert alert = find(tenant, id);
		String by = who(tenant);
		if (acknowledged(tenant.workspaceId(), alert, by)) {
			events.publishEvent(AuditedAction.by(tenant, "alert.acknowledged", alert.title(), clock.instant()));
		}
		return find(tenant, id);
	}

	/**
	 * Resolves an alert (a member or higher, {@code alerts:write}); resolving one already
	 * resolved changes nothing.
	 * @return the alert as it is now
	 */
	@Transactional
	public Alert resolve(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "alerts:write");
		Alert alert = find(tenant, id);
		Instant now = clock.instant();
		String by = who(tenant);
		if (repository.resolve(tenant.workspaceId(), id, by, now)) {
			repository.event(tenant.workspaceId(), id, "resolved", "Resolved by " + by, now);
			events.publishEvent(AuditedAction.by(tenant, "alert.resolved", alert.title(), now));
		}
		return find(tenant, id);
	}

	/**
	 * The alert a signed acknowledgement link names, when the link is valid now: for the
	 * page that asks to confirm.
	 */
	public Optional<Alert> byLink(String token) {
		return tokens.verify(token, clock.instant())
			.flatMap(ack -> repository.workspaceOf(ack.alertId())
				.flatMap(workspaceId -> repository.find(workspaceId, ack.alertId())));
	}

	/**
	 * Acknowledges the alert a signed link names (no sign-in: the link is the
	 * credential).
	 * @return the alert as it is now, or empty when the link is forged or expired
	 */
	@Transactional
	public Optional<Alert> acknowledgeByLink(String token) {
		Optional<AckTokens.Ack> ack = tokens.verify(token, clock.instant());
		if (ack.isEmpty()) {
			return Optional.empty();
		}
		UUID alertId = ack.get().alertId();
		return repository.workspaceOf(alertId).flatMap(workspaceId -> {
			Alert alert = repository.find(workspaceId, alertId).orElseThrow();
			String by = ack.get().sentTo() == null ? "the link sent by email"
					: channels.channel(workspaceId, ack.get().sentTo())
						.map(c -> "the link sent to " + c.name())
						.orElse("the link sent to a deleted channel");
			if (acknowledged(workspaceId, alert, by)) {
				events.publishEvent(new AuditedAction(workspaceId, null, null, "alert.acknowledged",
						alert.title() + " (by " + by + ")", clock.instant()));
			}
			return repository.find(workspaceId, alertId);
		});
	}

	private boolean acknowledged(UUID workspaceId, Alert alert, String by) {
		Instant now = clock.instant();
		if (!repository.acknowledge(workspaceId, alert.id(), by, now)) {
			return false;
		}
		repository.event(workspaceId, alert.id(), "acknowledged", "Acknowledged by " + by, now);
		if (notifications.sentToWebhook(workspaceId, alert.id())) {
			String url = UriComponentsBuilder.fromUri(properties.baseUrl())
				.path("/alerts/{id}")
				.buildAndExpand(alert.id())
				.toUriString();
			webhooks.acknowledged(workspaceId, new AlertWebhooks.AlertData(alert.id(), alert.type(), alert.severity(),
					alert.title(), alert.body(), url, alert.createdAt()), by, now);
		}
		return true;
	}

	private String who(Tenant tenant) {
		if (tenant.viaApiKey()) {
			return "an API key";
		}
		return tenant.userId() == null ? "PenguinMails" : directory.memberEmail(tenant.workspaceId(), tenant.userId());
	}

}
