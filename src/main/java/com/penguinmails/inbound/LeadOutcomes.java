package com.penguinmails.inbound;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.inbound.internal.LeadOutcomeQueries;

/**
 * The people of a campaign whose conversation is labelled positive (interested or meeting
 * booked), for the campaign's funnel and who-did-what lists. A conversation of a campaign
 * recipient is their enrolment's thread. Callers check the caller's access; every query
 * is confined to the workspace.
 */
@Service
public class LeadOutcomes {

	/**
	 * A positive conversation.
	 *
	 * @param enrolmentId the recipient (contact x campaign)
	 * @param outboxId the campaign message the conversation answered (may be null)
	 * @param at when the conversation was last labelled or changed
	 * @param label {@code interested} or {@code meeting_booked}
	 */
	public record Positive(UUID enrolmentId, UUID outboxId, Instant at, String label) {
	}

	private final LeadOutcomeQueries queries;

	LeadOutcomes(LeadOutcomeQueries queries) {
		this.queries = queries;
	}

	/**
	 * People of the campaign with a conversation labelled interested or meeting booked.
	 */
	public long interested(UUID workspaceId, UUID campaignId) {
		return queries.interested(workspaceId, campaignId);
	}

	/**
	 * Those people, in the order of ({@code at}, enrolment id) after the given key.
	 * @param afterAt with {@code afterEnrolment}: the previous page's last row, or both
	 * null
	 */
	public List<Positive> positives(UUID workspaceId, UUID campaignId, Instant afterAt, UUID afterEnrolment,
			int limit) {
		return queries.positives(workspaceId, campaignId, afterAt, afterEnrolment, limit);
	}

}
