package com.penguinmails.alerts;

import java.util.UUID;

/**
 * A routing rule: alerts it matches go to a channel, or to an escalation policy.
 *
 * @param matchKind {@code type} (matchValue: an alert type key), {@code severity}
 * (matchValue: info, warning or critical) or {@code default} (alerts no other rule
 * matches)
 * @param matchSeverity for a {@code type} rule, the one severity it matches (info,
 * warning or critical), or null for any
 * @param channelId the channel, or null when it names a policy
 * @param policyId the escalation policy, or null when it names a channel
 * @param target the channel's or policy's name, for pages
 */
public record AlertRoute(UUID id, String matchKind, String matchValue, String matchSeverity, UUID channelId,
		UUID policyId, String target) {
}
