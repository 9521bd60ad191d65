package com.penguinmails.templates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.ContactStatus;
import com.penguinmails.contacts.CustomFields;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;

/**
 * The variables a template may use, for the variable picker: the contact's standard
 * fields (the names of {@link Contact#mergeFields()}), the workspace's custom fields
 * (under {@code custom.}), the sender ({@link Templates#sender}), {@code unsubscribe_url}
 * and dates (Liquid's {@code "now" | date}, in the contact's time zone). Each comes with
 * an example and the Liquid snippet to insert, with a default where a contact may lack a
 * value (the strict check then lets the message go).
 */
@Service
public class Variables {

	/** Group names, in the picker's order. */
	public static final String CONTACT = "Contact", CUSTOM = "Custom fields", SENDER = "Sender", LINKS = "Links",
			DATES = "Dates";

	/**
	 * One variable.
	 *
	 * @param name its Liquid path ({@code first_name}, {@code custom.plan},
	 * {@code sender.email})
	 * @param label the words people read
	 * @param group one of {@link #CONTACT}, {@link #CUSTOM}, {@link #SENDER},
	 * {@link #LINKS}, {@link #DATES}
	 * @param type text, number, date, boolean, url, email or list
	 * @param example the sample contact's value (what a preview without a contact shows)
	 * @param snippet the Liquid to insert, e.g. {@code {{ first_name | default: "there"
	 * }}}
	 */
	public record Variable(String name, String label, String group, String type, Object example, String snippet) {
	}

	/** A group of the picker and its variables. */
	public record Group(String name, List<Variable> variables) {
	}

	private record Standard(String name, String label, String type, String fallback) {
	}

	/** The contact fields of {@link Contact#mergeFields()} a message may print. */
	private static final List<Standard> STANDARD = List.of(new Standard("first_name", "First name", "text", "there"),
			new Standard("last_name", "Last name", "text", ""), new Standard("email", "Email", "email", null),
			new Standard("company", "Company", "text", "your company"),
			new Standard("title", "Job title", "text", "your role"), new Standard("phone", "Phone", "text", ""),
			new Standard("website", "Website", "url", "your website"),
			new Standard("linkedin_url", "LinkedIn", "url", ""), new Standard("country", "Country", "text", ""),
			new Standard("time_zone", "Time zone", "text", ""));

	private final CustomFields customFields;

	Variables(CustomFields customFields) {
		this.customFields = customFields;
	}

	/**
	 * The picker's groups for the caller's workspace (needs the viewer role; an API key
	 * needs {@code templates:read} and {@code contacts:read}).
	 */
	public List<Group> groups(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "templates:read");
		Map<String, Object> contact = sampleContact(tenant).mergeFields();
		List<Variable> standard = STANDARD.stream()
			.map(field -> new Variable(field.name(), field.label(), CONTACT, field.type(), contact.get(field.name()),
					snippet(field.name(), field.fallback())))
			.toList();
		List<Variable> custom = new ArrayList<>();
		for (CustomFields.Field field : customFields.list(tenant)) {
			custom.add(new Variable("custom." + field.key(), label(field.key()), CUSTOM, field.type(),
					sampleValue(field.type()), snippet("custom." + field.key(), "")));
		}
		Map<String, Object> sender = sampleSender();
		List<Variable> senders = List.of(
				new Variable("sender.first_name", "Sender first name", SENDER, "text", sender.get("first_name"),
						snippet("sender.first_name", null)),
				new Variable("sender.last_name", "Sender last name", SENDER, "text", sender.get("last_name"),
						snippet("sender.last_name", "")),
				new Variable("sender.name", "Sender name", SENDER, "text", sender.get("name"),
						snippet("sender.name", null)),
				new Variable("sender.email", "Sender email", SENDER, "email", sender.get("email"),
						snippet("sender.email", null)));
		List<Variable> links = List.of(new Variable("unsubscribe_url", "Unsubscribe link", LINKS, "url",
				"https://unsubscribe.invalid/preview", "{{ unsubscribe_url }}"));
		List<Variable> dates = List.of(
				new Variable("now | date: \"%A\"", "Weekday today", DATES, "date", "Tuesday",
						"{{ \"now\" | date: \"%A\" }}"),
				new Variable("now | date: \"%B %-d\"", "Today's date", DATES, "date", "March 3",
						"{{ \"now\" | date: \"%B %-d\" }}"));
		List<Group> groups = new ArrayList<>();
		groups.add(new Group(CONTACT, standard));
		if (!custom.isEmpty()) {
			groups.add(new Group(CUSTOM, custom));
		}
		groups.add(new Group(SENDER, senders));
		groups.add(new Group(LINKS, links));
		groups.add(new Group(DATES, dates));
		return groups;
	}

	/**
	 * A contact with plausible values for every standard field and custom field (by its
	 * type): what a preview without a chosen contact renders for.
	 */
	Contact sampleContact(Tenant tenant) {
		Map<String, Object> custom = new LinkedHashMap<>();
		customFields.list(tenant).forEach(field -> custom.put(field.key(), sampleValue(field.type())));
		return new Contact(null, "alex.morgan@example.com", "Alex", "Morgan", "Northwind Labs", "Head of Growth",
				"+1 555 0100", "https://northwind.example", "https://www.linkedin.com/in/alex-morgan",
				"America/New_York", "US", custom, List.of("prospect"), ContactStatus.ACTIVE, false, false, 0, true,
				null);
	}

	/** The sender fields when no mailbox is chosen. */
	static Map<String, Object> sampleSender() {
		Map<String, Object> sender = new LinkedHashMap<>();
		sender.put("name", "Sam Carter");
		sender.put("first_name", "Sam");
		sender.put("last_name", "Carter");
		sender.put("email", "sam@yourcompany.example");
		return sender;
	}

	private static Object sampleValue(String type) {
		return switch (type == null ? "text" : type) {
			case "number" -> 42;
			case "date" -> "2026-03-03";
			case "boolean" -> true;
			default -> "Example";
		};
	}

	private static String snippet(String name, String fallback) {
		if (fallback == null) {
			return "{{ " + name + " }}";
		}
		return "{{ " + name + " | default: \"" + fallback + "\" }}";
	}

	private static String label(String key) {
		String words = key.replace('_', ' ').strip();
		return words.isEmpty() ? key : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
