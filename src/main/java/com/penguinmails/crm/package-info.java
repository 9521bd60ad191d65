/**
 * CRM sync (issue 20): a workspace connects HubSpot (a private app token or OAuth) and
 * imports its contacts (all, or one list), or connects Salesforce through the
 * installation's connected app (OAuth 2.0 with PKCE) and imports its Contacts or Leads
 * (all, or a checked SOQL condition), into a PenguinMails list, keyed on the CRM record
 * id kept in {@code crm_links}, with a sync log.
 * <p>
 * The public face is {@link com.penguinmails.crm.HubSpotSync} and
 * {@link com.penguinmails.crm.SalesforceSync} (with their connections); {@code internal}
 * holds the SQL ({@code CrmRepository}, {@code SalesforceRepository}), the API clients
 * ({@code HubSpotClient}, {@code SalesforceClient}, within each CRM's limits), the SOQL
 * builder and the schedule; {@code web} the pages {@code /settings/crm} and
 * {@code /settings/crm/salesforce}; {@code api} the JSON endpoints under
 * {@code /api/v1/crm}.
 * <p>
 * Push-back ({@link com.penguinmails.crm.HubSpotPush}) listens to inbound's replies,
 * labels, bounces, unsubscribes and complaints, tracking's unsubscribes and delivery's
 * hard bounces, and sends them to HubSpot for linked contacts;
 * {@link com.penguinmails.crm.SalesforcePush} to Salesforce (Tasks and field changes
 * through the Composite API). A reply's campaign name is read from {@code campaigns}.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "campaigns", "contacts", "delivery", "inbound", "shared", "tracking" })
package com.penguinmails.crm;
