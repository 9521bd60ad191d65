/**
 * Campaigns: mailbox pools, sequences of steps with variants, schedules, enrolments (the
 * state machine of contact x campaign) and the scheduler that turns due enrolments into
 * outbox messages.
 */
package com.penguinmails.campaigns;
