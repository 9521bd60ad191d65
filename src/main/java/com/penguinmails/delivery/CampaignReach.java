package com.penguinmails.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.delivery.internal.CampaignReachQueries;

/**
 * Whom a campaign's messages reached, for its figures: people (enrolments: one contact in
 * one campaign) rather than messages, and the people contacted or refused at SMTP time in
 * time order. "Attempted" means handed to a receiving server: sent, or refused by it (a
 * bounce); never a message held back (suppressed, mailbox removed). Callers check the
 * caller's access; every query is confined to the workspace.
 */
@Service
public class CampaignReach {

	/**
	 * People of a campaign.
	 *
	 * @param contacted recipients with at least one message attempted
	 * @param refused recipients with at least one message refused at SMTP time
	 */
	public record People(long contacted, long refused) {
	}

	/**
	 * A recipient's first message of a kind.
	 *
	 * @param enrolmentId the recipient (contact x campaign)
	 * @param outboxId the message
	 * @param at when it was sent or refused
	 * @param detail what the server said, for a refusal; else null
	 */
	public record Reached(UUID enrolmentId, UUID outboxId, Instant at, String detail) {
	}

	/**
	 * Which recipients {@link #reached} lists: those with a message handed to a receiving
	 * server ({@code ATTEMPTED}), those with one accepted and none refused
	 * ({@code SENT}), those with one refused at SMTP time ({@code REFUSED}).
	 */
	public enum Reach {

		ATTEMPTED, SENT, REFUSED

	}

	/**
	 * Who a message went to: its contact (null once erased), address, name, step and
	 * variant (0-based).
	 */
	public record Addressee(UUID outboxId, UUID contactId, String email, String name, int step, int variant) {
	}

	private final CampaignReachQueries queries;

	CampaignReach(CampaignReachQueries queries) {
		this.queries = queries;
	}

	/** People contacted and refused; one aggregate query. */
	public People people(UUID workspaceId, UUID campaignId) {
		return queries.people(workspaceId, campaignId);
	}

	/**
	 * Each recipient's first message of the given {@code reach} (for {@code REFUSED}: the
	 * first refused one, its detail what the server said), in the order of ({@code at},
	 * enrolment id), after the given key (keyset pagination).
	 * @param afterAt with {@code afterEnrolment}: the last row of the previous page, or
	 * both null for the first page
	 * @param limit rows at most
	 */
	public List<Reached> reached(UUID workspaceId, UUID campaignId, Reach reach, Instant afterAt, UUID afterEnrolment,
			int limit) {
		return queries.reached(workspaceId, campaignId, reach, afterAt, afterEnrolment, limit);
	}

	/** Who each of the messages (of the workspace) went to; unknown ids are left out. */
	public Map<UUID, Addressee> addressees(UUID workspaceId, Collection<UUID> outboxIds) {
		return queries.addressees(workspaceId, outboxIds);
	}

	/**
	 * Who each recipient (enrolment id) of the campaign is, from their latest message;
	 * recipients without one are left out.
	 */
	public Map<UUID, Addressee> addresseesOf(UUID workspaceId, UUID campaignId, Collection<UUID> enrolmentIds) {
		return queries.addresseesOf(workspaceId, campaignId, enrolmentIds);
	}

}
