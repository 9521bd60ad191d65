/**
 * CRM sync (issue 20), HubSpot first: a workspace connects HubSpot with a private app
 * token and imports its contacts (all, or one list) into a PenguinMails list, keyed on
 * the HubSpot record id kept in {@code crm_links}, with a sync log.
 * <p>
 * The public face is {@link com.penguinmails.crm.HubSpotSync}; {@code internal} holds the
 * SQL ({@code CrmRepository}), HubSpot's API client ({@code HubSpotClient}, within
 * HubSpot's rate limits) and the schedule; {@code web} the page {@code /settings/crm};
 * {@code api} the JSON endpoints under {@code /api/v1/crm}.
 * <p>
 * Push-back ({@link com.penguinmails.crm.HubSpotPush}) listens to inbound's replies,
 * labels, bounces, unsubscribes and complaints, tracking's unsubscribes and delivery's
 * hard bounces, and sends them to HubSpot for linked contacts.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "contacts", "delivery", "inbound", "shared", "tracking" })
package com.penguinmails.crm;
