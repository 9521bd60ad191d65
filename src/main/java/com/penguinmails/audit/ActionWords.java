package com.penguinmails.audit;

import java.util.Locale;
import java.util.Map;

/**
 * The audit log's actions in words a person reads ("HubSpot connected", "Sending route
 * added"): one table of wordings for every action key the features record, and for a key
 * not in it a readable fallback built from its parts ({@code foo.bar_baz} reads "Foo bar
 * baz"), so a new key is never shown raw. Keys stay as recorded in the log and the API.
 */
public final class ActionWords {

	private static final Map<String, String> WORDS = Map.ofEntries(
			// identity: sign-in and account
			Map.entry("login.succeeded", "Signed in"), Map.entry("login.failed", "Sign-in failed"),
			Map.entry("login.locked", "Sign-in locked after failed attempts"),
			Map.entry("password.changed", "Password changed"), Map.entry("password.reset", "Password reset"),
			Map.entry("password.reset_requested", "Password reset requested"),
			Map.entry("email.changed", "Email address changed"),
			Map.entry("2fa.enabled", "Two-factor authentication turned on"),
			Map.entry("2fa.disabled", "Two-factor authentication turned off"),
			Map.entry("2fa.backup_codes_regenerated", "Two-factor backup codes regenerated"),
			// identity: workspace and members
			Map.entry("workspace.created", "Workspace created"),
			Map.entry("workspace.ownership_transferred", "Workspace ownership transferred"),
			Map.entry("workspace.2fa_required", "Two-factor authentication required for members"),
			Map.entry("workspace.2fa_optional", "Two-factor authentication made optional"),
			Map.entry("member.role_changed", "Member's role changed"), Map.entry("member.removed", "Member removed"),
			Map.entry("invitation.sent", "Invitation sent"), Map.entry("invitation.revoked", "Invitation revoked"),
			Map.entry("invitation.accepted", "Invitation accepted"), Map.entry("api_key.created", "API key created"),
			Map.entry("api_key.revoked", "API key revoked"),
			// contacts and privacy
			Map.entry("contacts.exported", "Contacts exported"),
			Map.entry("contact.exported", "Contact's data exported"), Map.entry("contact.erased", "Contact erased"),
			Map.entry("contacts.bulk.tag_added", "Contacts tagged"),
			Map.entry("contacts.bulk.tag_removed", "Tag removed from contacts"),
			Map.entry("contacts.bulk.list_added", "Contacts added to a list"),
			Map.entry("contacts.bulk.list_removed", "Contacts removed from a list"),
			Map.entry("contacts.bulk.enrolled", "Contacts enrolled in a campaign"),
			Map.entry("contacts.bulk.status", "Contacts' status set"),
			Map.entry("contacts.bulk.exported", "Contacts exported"),
			Map.entry("contacts.bulk.deleted", "Contacts deleted"),
			// CRM
			Map.entry("crm.hubspot.connected", "HubSpot connected"),
			Map.entry("crm.hubspot.disconnected", "HubSpot disconnected"),
			Map.entry("crm.salesforce.connected", "Salesforce connected"),
			Map.entry("crm.salesforce.disconnected", "Salesforce disconnected"),
			Map.entry("crm.hubspot.settings_changed", "HubSpot sync settings changed"),
			Map.entry("crm.salesforce.settings_changed", "Salesforce sync settings changed"),
			Map.entry("crm.hubspot.push_changed", "HubSpot push-back settings changed"),
			Map.entry("crm.salesforce.push_changed", "Salesforce push-back settings changed"),
			// alerts
			Map.entry("alert.acknowledged", "Alert acknowledged"), Map.entry("alert.resolved", "Alert resolved"),
			Map.entry("alert_channel.added", "Alert channel added"),
			Map.entry("alert_channel.removed", "Alert channel removed"),
			Map.entry("alert_channel.changed", "Alert channel changed"),
			Map.entry("alert_channel.quiet_hours_changed", "Alert channel's quiet hours changed"),
			Map.entry("alert_route.added", "Alert routing rule added"),
			Map.entry("alert_route.removed", "Alert routing rule removed"),
			Map.entry("escalation_policy.added", "Escalation policy added"),
			Map.entry("escalation_policy.removed", "Escalation policy removed"),
			Map.entry("escalation_policy.changed", "Escalation policy changed"),
			// sending
			Map.entry("domain.status_changed", "Domain status changed"),
			Map.entry("mailbox.errored", "Mailbox in error"), Map.entry("mailbox.paused", "Mailbox paused"),
			Map.entry("mailbox.resumed", "Mailbox resumed"),
			Map.entry("mailbox.transport_changed", "Mailbox transport changed"),
			Map.entry("sending_provider.added", "Sending provider added"),
			Map.entry("sending_provider.changed", "Sending provider changed"),
			Map.entry("sending_provider.deleted", "Sending provider deleted"),
			Map.entry("sending_provider.checked", "Sending provider checked"),
			Map.entry("sending_route.added", "Sending route added"),
			Map.entry("sending_route.changed", "Sending route changed"),
			Map.entry("sending_route.deleted", "Sending route deleted"),
			Map.entry("sending_route.reordered", "Sending routes reordered"),
			Map.entry("provider_webhooks.postmark_credentials_made", "New Postmark webhook credentials made"),
			Map.entry("provider_webhooks.mailgun_key_set", "Mailgun webhook signing key stored"),
			Map.entry("provider_webhooks.reconciled", "Provider events reconciled now"));

	/** Words written their own way in the fallback. */
	private static final Map<String, String> TERMS = Map.of("crm", "CRM", "api", "API", "hubspot", "HubSpot",
			"salesforce", "Salesforce", "2fa", "two-factor", "smtp", "SMTP", "imap", "IMAP", "csv", "CSV");

	private ActionWords() {
	}

	/** Whether the table has a wording for the key (a test keeps it complete). */
	public static boolean known(String action) {
		return WORDS.containsKey(action);
	}

	/**
	 * The action in words: its wording, else its parts read as words
	 * ({@code crm.pipedrive.connected} reads "CRM pipedrive connected").
	 */
	public static String of(String action) {
		if (action == null || action.isBlank()) {
			return "Unknown action";
		}
		String words = WORDS.get(action);
		if (words != null) {
			return words;
		}
		StringBuilder text = new StringBuilder();
		for (String word : action.strip().split("[._\\s]+")) {
			if (!word.isEmpty()) {
				text.append(text.isEmpty() ? "" : " ").append(TERMS.getOrDefault(word, word));
			}
		}
		String said = text.isEmpty() ? action.strip() : text.toString();
		return said.substring(0, 1).toUpperCase(Locale.ROOT) + said.substring(1);
	}

}
