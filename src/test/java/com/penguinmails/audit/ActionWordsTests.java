package com.penguinmails.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.penguinmails.contacts.BulkAction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log's wordings: every action key the features record (found in the sources,
 * so a new key without a wording fails here) reads as words, and an unknown key reads as
 * its parts in words, never "Crm: hubspot: connected".
 */
class ActionWordsTests {

	/** Where the sources name an audit action: the action is the quoted key (or two). */
	private static final List<Pattern> RECORDED = List
		.of(Pattern.compile("AuditedAction\\.by\\(\\s*\\w+,\\s*\"([a-z0-9_.]+[a-z0-9_])\""), Pattern.compile(
				"events\\.(?:account|workspace)\\(\\s*(?:\\w+\\s*\\?\\s*)?\"([a-z0-9_.]+)\"(?:\\s*:\\s*\"([a-z0-9_.]+)\")?"),
				Pattern.compile("\\brecord\\(tenant,\\s*\"([a-z0-9_.]+)\""),
				Pattern.compile("\\baudit(?:ed)?\\(tenant,\\s*\"([a-z0-9_.]+)\""));

	@Test
	void everyActionKeyTheFeaturesRecordHasAWording() throws IOException {
		TreeSet<String> keys = new TreeSet<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				String source = Files.readString(file);
				for (Pattern pattern : RECORDED) {
					Matcher matcher = pattern.matcher(source);
					while (matcher.find()) {
						for (int group = 1; group <= matcher.groupCount(); group++) {
							if (matcher.group(group) != null) {
								keys.add(matcher.group(group));
							}
						}
					}
				}
			}
		}
		for (BulkAction action : BulkAction.values()) {
			keys.add("contacts.bulk." + action.kind());
		}
		assertThat(keys).contains("login.succeeded", "2fa.enabled", "workspace.2fa_required", "contacts.exported",
				"contact.erased", "crm.hubspot.connected", "sending_route.added", "mailbox.transport_changed");
		List<String> unworded = new ArrayList<>(keys.stream().filter(key -> !ActionWords.known(key)).toList());
		assertThat(unworded).as("action keys without a wording in ActionWords").isEmpty();
	}

	@Test
	void theCrmAndSendingActionsReadAsWords() {
		assertThat(ActionWords.of("crm.hubspot.connected")).isEqualTo("HubSpot connected");
		assertThat(ActionWords.of("crm.salesforce.disconnected")).isEqualTo("Salesforce disconnected");
		assertThat(ActionWords.of("crm.hubspot.settings_changed")).isEqualTo("HubSpot sync settings changed");
		assertThat(ActionWords.of("crm.salesforce.push_changed")).isEqualTo("Salesforce push-back settings changed");
		assertThat(ActionWords.of("sending_route.added")).isEqualTo("Sending route added");
		assertThat(ActionWords.of("mailbox.transport_changed")).isEqualTo("Mailbox transport changed");
	}

	@Test
	void anUnknownKeyReadsAsItsPartsInWords() {
		assertThat(ActionWords.of("crm.hubspot.token_refreshed")).isEqualTo("CRM HubSpot token refreshed");
		assertThat(ActionWords.of("webhooks.endpoint_added")).isEqualTo("Webhooks endpoint added");
		assertThat(ActionWords.of("")).isEqualTo("Unknown action");
	}

}
