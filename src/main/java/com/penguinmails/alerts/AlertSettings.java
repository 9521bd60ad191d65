package com.penguinmails.alerts;

import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.alerts.internal.AlertSecrets;
import com.penguinmails.alerts.internal.AlertsProperties;
import com.penguinmails.alerts.internal.ChannelRepository;
import com.penguinmails.alerts.internal.ChannelTester;
import com.penguinmails.alerts.internal.PolicyRepository;
import com.penguinmails.shared.AuditedAction;
import com.penguinmails.shared.EmailAddresses;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Secrets;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * Where a workspace's alerts go: channels (email, Slack, Microsoft Teams, webhooks) with
 * quiet hours, and routing rules to channels or to {@link EscalationPolicies escalation
 * policies}. Admins change them ({@code alerts:write}); every change is in the audit log.
 * Slack and Teams URLs are checked against the network policy when saved, encrypted at
 * rest, and never returned. Invalid input throws {@link InvalidInputProblem} (400) with a
 * stable type.
 */
@Service
public class AlertSettings {

	/**
	 * A new channel.
	 *
	 * @param kind email, slack, teams or webhook
	 * @param addresses for email: comma-separated addresses, blank for owner and admins
	 * @param url for slack and teams: the incoming-webhook URL (https)
	 */
	public record ChannelRequest(String name, String kind, String addresses, String url) {
	}

	/**
	 * A channel's new name and destination; its kind stays.
	 *
	 * @param addresses for email: comma-separated addresses, blank for owner and admins,
	 * null to keep them
	 * @param url for slack and teams: a new incoming-webhook URL, or blank (or null) to
	 * keep the stored one (which is never shown)
	 */
	public record ChannelUpdate(String name, String addresses, String url) {
	}

	/**
	 * Quiet hours of a channel; a blank zone removes them.
	 *
	 * @param zone an IANA time zone ({@code Europe/Paris})
	 */
	public record QuietHoursRequest(String zone, LocalTime from, LocalTime to, boolean criticalBypasses) {
	}

	/**
	 * A routing rule: match kind and value, and a channel or a policy.
	 *
	 * @param matchSeverity for a {@code type} rule only: the one severity it matches, or
	 * null (or blank) for any
	 */
	public record RouteRequest(String matchKind, String matchValue, String matchSeverity, UUID channelId,
			UUID policyId) {

		/** A rule without a severity narrowing it. */
		public RouteRequest(String matchKind, String matchValue, UUID channelId, UUID policyId) {
			this(matchKind, matchValue, null, channelId, policyId);
		}

	}

	private static final Set<String> KINDS = Set.of("email", "slack", "teams", "webhook");

	private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

	private final ChannelRepository channels;

	private final PolicyRepository policies;

	private final ChannelTester tester;

	private final Secrets secrets;

	private final NetworkPolicy network;

	private final AlertsProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AlertSettings(ChannelRepository channels, PolicyRepository policies, ChannelTester tester, Secrets secrets,
			NetworkPolicy network, AlertsProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.channels = channels;
		this.policies = policies;
		this.tester = tester;
		this.secrets = secrets;
		this.network = network;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	/** The workspace's channels, oldest first (admins, {@code alerts:read}). */
	public List<AlertChannel> channels(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:read");
		return channels.channels(tenant.workspaceId());
	}

	/** The routing rules (admins, {@code alerts:read}). */
	public List<AlertRoute> routes(Tenant tenant) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:read");
		return channels.routes(tenant.workspaceId());
	}

	/**
	 * Adds a channel.
	 * @throws InvalidInputProblem {@code invalid-channel} for a missing name, an unknown
	 * kind, a bad address or URL; {@code address-not-allowed} for a URL into a private
	 * network
	 */
	@Transactional
	public AlertChannel addChannel(Tenant tenant, ChannelRequest request) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:write");
		String name = name(request.name(), "invalid-channel");
		String kind = request.kind() == null ? "" : request.kind().strip();
		if (!KINDS.contains(kind)) {
			throw new InvalidInputProblem("invalid-channel", "Choose email, slack, teams or webhook.");
		}
		UUID id = UUID.randomUUID();
		String addresses = "email".equals(kind) ? addresses(request.addresses()) : "";
		byte[] encrypted = null;
		String hint = "";
		if ("slack".equals(kind) || "teams".equals(kind)) {
			URI url = url(request.url());
			encrypted = secrets.encrypt(url.toString(), AlertSecrets.context(id));
			hint = url.getScheme() + "://" + url.getHost() + "/…";
		}
		channels.insert(tenant.workspaceId(), id,
				new ChannelRepository.NewChannel(name, kind, addresses, encrypted, hint, null, null, null, true),
				clock.instant());
		audit(tenant, "alert_channel.added", name + " (" + kind + ")");
		return channels.channel(tenant.workspaceId(), id).orElseThrow();
	}

	/**
	 * One channel of the workspace (admins, {@code alerts:read}), without its URL.
	 * @throws NotFoundProblem when the workspace has no such channel
	 */
	public AlertChannel channel(Tenant tenant, UUID channelId) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:read");
		return find(tenant, channelId);
	}

	/**
	 * Renames a channel and changes where it sends, checked as when added: a new Slack or
	 * Teams URL against the network policy, then encrypted in place of the old one; a
	 * blank URL keeps the stored one. A new destination clears the last error.
	 * @throws NotFoundProblem when the workspace has no such channel
	 * @throws InvalidInputProblem {@code invalid-channel} or {@code address-not-allowed},
	 * as {@link #addChannel}
	 */
	@Transactional
	public AlertChannel updateChannel(Tenant tenant, UUID channelId, ChannelUpdate request) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:write");
		AlertChannel before = find(tenant, channelId);
		String name = name(request.name(), "invalid-channel");
		String addresses = !"email".equals(before.kind()) ? ""
				: request.addresses() == null ? before.addresses() : addresses(request.addresses());
		byte[] encrypted = null;
		String hint = before.urlHint();
		boolean chat = "slack".equals(before.kind()) || "teams".equals(before.kind());
		if (chat && request.url() != null && !request.url().isBlank()) {
			URI url = url(request.url());
			encrypted = secrets.encrypt(url.toString(), AlertSecrets.context(channelId));
			hint = url.getScheme() + "://" + url.getHost() + "/…";
		}
		boolean moved = encrypted != null || !addresses.equals(before.addresses());
		channels.update(tenant.workspaceId(), channelId, name, addresses, encrypted, hint, moved);
		audit(tenant, "alert_channel.changed",
				before.name() + (before.name().equals(name) ? "" : " (now " + name + ")")
						+ (encrypted != null ? ": new URL" : "")
						+ (addresses.equals(before.addresses()) ? "" : ": sends to " + addresses));
		return find(tenant, channelId);
	}

	/**
	 * Sets or removes a channel's quiet hours.
	 * @throws InvalidInputProblem {@code invalid-quiet-hours} for an unknown zone or a
	 * window without both ends
	 */
	@Transactional
	public AlertChannel setQuietHours(Tenant tenant, UUID channelId, QuietHoursRequest request) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:write");
		AlertChannel channel = find(tenant, channelId);
		String zone = request.zone() == null ? "" : request.zone().strip();
		if (zone.isEmpty()) {
			channels.setQuietHours(tenant.workspaceId(), channelId, null, null, null, true);
		}
		else {
			try {
				ZoneId.of(zone);
			}
			catch (DateTimeException ex) {
				throw new InvalidInputProblem("invalid-quiet-hours", "Unknown time zone: " + zone + ".");
			}
			if (request.from() == null || request.to() == null || request.from().equals(request.to())) {
				throw new InvalidInputProblem("invalid-quiet-hours",
						"Quiet hours need a start and an end that differ (22:00 to 07:00 spans midnight).");
			}
			channels.setQuietHours(tenant.workspaceId(), channelId, zone, request.from(), request.to(),
					request.criticalBypasses());
		}
		audit(tenant, "alert_channel.quiet_hours_changed", channel.name());
		return find(tenant, channelId);
	}

	/**
	 * Sends a test message to a channel now (admins, {@code alerts:write}); the outcome
	 * is recorded on the channel like a delivery's.
	 * @return what happened, in words
	 * @throws InvalidInputProblem {@code channel-test-failed} (502) with the receiver's
	 * answer or the network error
	 */
	public String test(Tenant tenant, UUID channelId) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:write");
		return tester.send(tenant.workspaceId(), find(tenant, channelId));
	}

	/** Deletes a channel, its routes and steps, and its queued notifications. */
	@Transactional
	public void deleteChannel(Tenant tenant, UUID channelId) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:write");
		AlertChannel channel = find(tenant, channelId);
		channels.delete(tenant.workspaceId(), channelId);
		audit(tenant, "alert_channel.removed", channel.name());
	}

	/**
	 * Adds a routing rule.
	 * @throws InvalidInputProblem {@code invalid-route} for an unknown match, type or
	 * severity, a severity narrowing a rule that is not a type rule, or not exactly one
	 * of a channel and a policy of this workspace
	 */
	@Transactional
	public AlertRoute addRoute(Tenant tenant, RouteRequest request) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:write");
		String kind = request.matchKind() == null ? "" : request.matchKind().strip();
		String value = request.matchValue() == null ? "" : request.matchValue().strip();
		String severity = request.matchSeverity() == null || request.matchSeverity().isBlank() ? null
				: request.matchSeverity().strip();
		require(severity == null || ("type".equals(kind) && SEVERITIES.contains(severity)),
				"A severity narrows a type rule only, and is info, warning or critical.");
		switch (kind) {
			case "type" -> require(AlertTypes.known(value), "Unknown alert type: " + value + ".");
			case "severity" -> require(SEVERITIES.contains(value), "Severity is info, warning or critical.");
			case "default" -> value = "";
			default -> throw new InvalidInputProblem("invalid-route", "Match by type, severity or default.");
		}
		require((request.channelId() == null) != (request.policyId() == null),
				"Route to one channel or one escalation policy.");
		String target;
		if (request.channelId() != null) {
			target = channels.channel(tenant.workspaceId(), request.channelId())
				.map(AlertChannel::name)
				.orElseThrow(() -> new InvalidInputProblem("invalid-route", "No such channel in this workspace."));
		}
		else {
			target = policies.policy(tenant.workspaceId(), request.policyId())
				.map(EscalationPolicy::name)
				.orElseThrow(() -> new InvalidInputProblem("invalid-route", "No such policy in this workspace."));
		}
		UUID id = channels.insertRoute(tenant.workspaceId(), kind, value, severity, request.channelId(),
				request.policyId(), clock.instant());
		audit(tenant, "alert_route.added", ("default".equals(kind) ? "default" : kind + " " + value)
				+ (severity == null ? "" : " at " + severity) + " → " + target);
		return channels.routes(tenant.workspaceId()).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
	}

	/** Deletes a routing rule. */
	@Transactional
	public void deleteRoute(Tenant tenant, UUID routeId) {
		tenant.require(WorkspaceRole.ADMIN, "alerts:write");
		if (!channels.deleteRoute(tenant.workspaceId(), routeId)) {
			throw new NotFoundProblem("route");
		}
		audit(tenant, "alert_route.removed", routeId.toString());
	}

	private AlertChannel find(Tenant tenant, UUID id) {
		return channels.channel(tenant.workspaceId(), id).orElseThrow(() -> new NotFoundProblem("channel"));
	}

	/** A name of 1 to 100 characters, stripped, or {@code type} as an invalid input. */
	static String name(String given, String type) {
		String name = given == null ? "" : given.strip();
		if (name.isEmpty() || name.length() > 100) {
			throw new InvalidInputProblem(type, "A name of 1 to 100 characters is required.");
		}
		return name;
	}

	private static String addresses(String given) {
		List<String> valid = new ArrayList<>();
		for (String address : (given == null ? "" : given).split("[,\\s]+")) {
			if (address.isBlank()) {
				continue;
			}
			if (!EmailAddresses.isValid(address)) {
				throw new InvalidInputProblem("invalid-channel", "Not an email address: " + address + ".");
			}
			valid.add(address);
		}
		return String.join(", ", valid);
	}

	private URI url(String given) {
		URI url;
		try {
			url = URI.create(given == null ? "" : given.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputProblem("invalid-channel", "The incoming-webhook URL is not a URL.");
		}
		String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
		if (url.getHost() == null || !(scheme.equals("https") || (scheme.equals("http") && properties.allowHttp()))) {
			throw new InvalidInputProblem("invalid-channel", "The incoming-webhook URL must be an https:// URL.");
		}
		// Refuses loopback and private addresses now, not only at delivery time.
		network.check(url.getHost(), url.getPort() != -1 ? url.getPort() : (scheme.equals("http") ? 80 : 443));
		return url;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new InvalidInputProblem("invalid-route", message);
		}
	}

	private void audit(Tenant tenant, String action, String target) {
		events.publishEvent(AuditedAction.by(tenant, action, target, clock.instant()));
	}

}
