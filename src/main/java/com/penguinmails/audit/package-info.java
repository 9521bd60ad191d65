/**
 * The audit log: an append-only record of security-relevant actions (logins, 2FA changes,
 * API keys, invitations, role changes, member removal) per workspace, fed by events.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package com.penguinmails.audit;
