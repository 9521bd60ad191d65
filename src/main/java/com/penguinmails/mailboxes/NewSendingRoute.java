package com.penguinmails.mailboxes;

import java.util.List;
import java.util.UUID;

/**
 * What a user gives to add or replace a sending route.
 *
 * @param match campaign, recipient_domain or recipient_provider
 * @param value for recipient_domain a domain ({@code example.org}) or a suffix
 * ({@code *.edu}); for recipient_provider google, microsoft or yahoo; for campaign the
 * campaign's id (or give {@code campaignId})
 * @param campaignId for campaign: the campaign's id in the workspace
 * @param providers the workspace's sending providers to try in order (may be empty)
 * @param thenSmtp whether the mailbox's own SMTP server comes after them (null: true); a
 * route needs at least one provider or the SMTP server
 */
public record NewSendingRoute(String match, String value, UUID campaignId, List<UUID> providers, Boolean thenSmtp) {

}
