package com.penguinmails.webhooks.internal.catalogue;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.domains.DomainStatusChanged;
import com.penguinmails.mailboxes.MailboxErrored;
import com.penguinmails.reputation.PostmasterConnectionExpired;
import com.penguinmails.reputation.ReputationDropped;
import com.penguinmails.reputation.ThrottleDecided;
import com.penguinmails.warmup.WarmupHealthChanged;
import com.penguinmails.webhooks.EventType;

/**
 * The sending infrastructure's events in the catalogue: mailbox errors, warmup health,
 * domain status, reputation drops, throttling decisions and expired postmaster
 * connections. None is about one contact (no ordering key). The events that carry no time
 * of their own (mailbox errors, domain status, postmaster connections) are keyed by their
 * content and the hour they were handled, so a republished event is one event while the
 * same change a later hour is a new one.
 */
@Component
class HealthEvents {

	private final CatalogueLookups lookups;

	private final CatalogueAppender appender;

	private final Clock clock;

	HealthEvents(CatalogueLookups lookups, CatalogueAppender appender, Clock clock) {
		this.lookups = lookups;
		this.appender = appender;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(MailboxErrored errored) {
		if (!appender.wanted(errored.workspaceId(), EventType.MAILBOX_ERRORED)) {
			return;
		}
		Instant now = clock.instant();
		ObjectNode data = lookups.data(errored.workspaceId());
		lookups.mailbox(data, errored.workspaceId(), errored.mailboxId(), errored.email());
		data.put("error", errored.error());
		appender.append(errored.workspaceId(), EventType.MAILBOX_ERRORED,
				errored.mailboxId() + ":" + TrackingEvents.sha256(errored.error()).substring(0, 16) + ":" + hour(now),
				null, now, data);
	}

	@ApplicationModuleListener
	void on(WarmupHealthChanged changed) {
		if (!appender.wanted(changed.workspaceId(), EventType.WARMUP_HEALTH_CHANGED)) {
			return;
		}
		ObjectNode data = lookups.data(changed.workspaceId());
		lookups.mailbox(data, changed.workspaceId(), changed.mailboxId(), changed.email());
		ObjectNode health = data.putObject("health");
		if (changed.previousScore() != null) {
			health.put("previous_score", changed.previousScore());
		}
		health.put("score", changed.score());
		appender.append(changed.workspaceId(), EventType.WARMUP_HEALTH_CHANGED,
				changed.mailboxId() + ":" + changed.measuredAt(), null, changed.measuredAt(), data);
	}

	@ApplicationModuleListener
	void on(DomainStatusChanged changed) {
		if (!appender.wanted(changed.workspaceId(), EventType.DOMAIN_STATUS_CHANGED)) {
			return;
		}
		Instant now = clock.instant();
		ObjectNode data = lookups.data(changed.workspaceId());
		ObjectNode domain = data.putObject("domain");
		domain.put("id", changed.domainId().toString());
		domain.put("name", changed.name());
		ObjectNode status = data.putObject("status");
		status.put("from", changed.from().value());
		status.put("to", changed.to().value());
		appender.append(changed.workspaceId(), EventType.DOMAIN_STATUS_CHANGED,
				changed.domainId() + ":" + changed.from().value() + ":" + changed.to().value() + ":" + hour(now), null,
				now, data);
	}

	@ApplicationModuleListener
	void on(ReputationDropped dropped) {
		if (!appender.wanted(dropped.workspaceId(), EventType.REPUTATION_DROPPED)) {
			return;
		}
		Instant now = clock.instant();
		ObjectNode data = lookups.data(dropped.workspaceId());
		ObjectNode subject = data.putObject("subject");
		subject.put("kind", dropped.kind());
		subject.put("key", dropped.key());
		CatalogueLookups.putIfPresent(subject, "label", dropped.label());
		ObjectNode score = data.putObject("score");
		score.put("day", dropped.day().toString());
		score.put("from", dropped.from());
		score.put("to", dropped.to());
		CatalogueLookups.putIfPresent(data, "worst_part", dropped.worstPart());
		CatalogueLookups.putIfPresent(data, "path", dropped.path());
		appender.append(dropped.workspaceId(), EventType.REPUTATION_DROPPED,
				dropped.kind() + ":" + dropped.key() + ":" + dropped.day(), null, now, data);
	}

	@ApplicationModuleListener
	void on(ThrottleDecided decided) {
		if (!appender.wanted(decided.workspaceId(), EventType.SENDING_THROTTLED)) {
			return;
		}
		ObjectNode data = lookups.data(decided.workspaceId());
		lookups.mailbox(data, decided.workspaceId(), decided.mailboxId(), decided.email());
		ObjectNode throttle = data.putObject("throttle");
		throttle.put("id", decided.decisionId().toString());
		throttle.put("provider", decided.provider().value());
		throttle.put("path", decided.path());
		throttle.put("action", decided.action().value());
		throttle.put("state", decided.state().value());
		throttle.put("per_hour", decided.perHour());
		CatalogueLookups.putIfPresent(throttle, "suspended_until", decided.suspendedUntil());
		CatalogueLookups.putIfPresent(throttle, "reason", decided.reason());
		throttle.put("signals", decided.signals());
		throttle.put("automatic", decided.decidedBy() == null);
		if (decided.evidence() != null && !decided.evidence().isEmpty()) {
			decided.evidence().forEach(throttle.putArray("evidence")::add);
		}
		appender.append(decided.workspaceId(), EventType.SENDING_THROTTLED, decided.decisionId().toString(), null,
				decided.at(), data);
	}

	@ApplicationModuleListener
	void on(PostmasterConnectionExpired expired) {
		if (!appender.wanted(expired.workspaceId(), EventType.POSTMASTER_CONNECTION_EXPIRED)) {
			return;
		}
		Instant now = clock.instant();
		ObjectNode data = lookups.data(expired.workspaceId());
		ObjectNode connection = data.putObject("connection");
		connection.put("provider", expired.provider());
		CatalogueLookups.putIfPresent(connection, "service", expired.service());
		CatalogueLookups.putIfPresent(connection, "reason", expired.reason());
		appender.append(expired.workspaceId(), EventType.POSTMASTER_CONNECTION_EXPIRED,
				expired.provider() + ":" + hour(now), null, now, data);
	}

	private static String hour(Instant now) {
		return now.truncatedTo(ChronoUnit.HOURS).toString();
	}

}
