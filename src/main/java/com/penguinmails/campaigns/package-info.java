/**
 * Campaigns: mailbox pools, sequences of steps with variants, schedules, enrolments (the
 * state machine of contact x campaign) and the scheduler that turns due enrolments into
 * outbox messages. {@link com.penguinmails.campaigns.Campaigns} is the lifecycle,
 * {@link com.penguinmails.campaigns.Enrolments} what recipients' actions change (stops,
 * engagements), learnt only from the events of inbound, tracking and delivery
 * ({@code EnrolmentEvents}). {@link com.penguinmails.campaigns.CampaignScheduler} reads,
 * plans with the pure {@code internal.SendPlanner} and writes; all SQL is in
 * {@code internal.CampaignRepository} and {@code internal.EnrolmentRepository}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "contacts", "delivery", "domains", "identity",
		"inbound", "mailboxes", "shared", "templates", "tracking" })
package com.penguinmails.campaigns;
