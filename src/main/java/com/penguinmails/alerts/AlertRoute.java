package com.penguinmails.alerts;

import java.util.UUID;

/**
 * A routing rule: alerts it matches go to a channel, or to an escalation policy.
 *
 * @param matchKind {@code type} (matchValue: an alert type key), {@code severity}
 * (matchValue: info, warning or critical) or {@code default} (alerts no other rule
 * matches)
 * @param channelId the channel, or null when it names a policy
 * @param policyId the escalation policy, or null when it names a channel
 * @param target the channel's or policy's name, for pages
 */
public record AlertRoute(UUID id, String matchKind, String matchValue, UUID channelId, UUID policyId, String target) {
}
