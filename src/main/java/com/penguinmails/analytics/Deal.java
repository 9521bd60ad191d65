package com.penguinmails.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A deal won with a contact: revenue that {@link RevenueAttribution} credits to the
 * campaigns that mailed the contact before {@code closedAt}.
 *
 * @param id the deal
 * @param contactId the contact of the workspace it was recorded against (it may have been
 * deleted since)
 * @param email the contact's address when recorded (lower case), {@code erased@invalid}
 * after a GDPR erasure
 * @param name what was sold, or "" (at most 300 characters)
 * @param amount the amount, at least 0, two decimals, in {@code currency}
 * @param currency ISO 4217 alphabetic code, upper case ({@code EUR})
 * @param closedAt when the deal closed
 * @param externalId the caller's (or CRM's) id, unique in the workspace, or null
 * @param source where it was recorded from (last write)
 * @param createdAt when it was first recorded
 * @param updatedAt when it was last recorded (an upsert by external id)
 */
public record Deal(UUID id, UUID contactId, String email, String name, BigDecimal amount, String currency,
		Instant closedAt, String externalId, DealSource source, Instant createdAt, Instant updatedAt) {
}
