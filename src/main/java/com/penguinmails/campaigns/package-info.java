/**
 * Campaigns: mailbox pools, sequences of steps with variants, schedules, enrolments (the
 * state machine of contact x campaign) and the scheduler that turns due enrolments into
 * outbox messages.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "contacts", "delivery", "domains", "inbound",
		"mailboxes", "shared", "templates", "tracking" })
package com.penguinmails.campaigns;
