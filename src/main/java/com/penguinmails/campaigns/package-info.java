/**
 * Campaigns: mailbox pools, sequences of steps with variants, schedules, enrolments (the
 * state machine of contact x campaign) and the scheduler that turns due enrolments into
 * outbox messages.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "contacts", "delivery", "domains", "mailboxes", "shared", "templates" })
package com.penguinmails.campaigns;
