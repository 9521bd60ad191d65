package com.penguinmails.templates;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.Problem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.UnknownIdsProblem;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.templates.internal.Personalizer;
import com.penguinmails.templates.internal.Spintax;

/**
 * Live previews of unsaved content (a step or template being edited): the message as one
 * contact (or a sample contact) gets it, rendered exactly as a campaign renders it, the
 * variables it lacks (the strict check that blocks sending), and its spintax expanded:
 * every group with its options, how many combinations there are and every distinct
 * variant up to {@link #CAP}. Also the strict check over many contacts at once.
 */
@Service
public class Previews {

	/** The most variants listed per part, and the most contacts a missing check reads. */
	public static final int CAP = 50, CONTACTS_CHECKED = 200;

	/**
	 * A rendered preview.
	 *
	 * @param contactId the contact rendered for, null for the sample contact
	 * @param contactEmail that contact's address (the sample's for the sample)
	 * @param html null for a plain-text message
	 * @param missing variables without a value and without a default for this contact:
	 * the message would not be sent to it
	 * @param timeZone the IANA zone dates were rendered in
	 */
	public record Preview(UUID contactId, String contactEmail, String subject, String html, String text,
			List<String> missing, String timeZone, Expansion spintax) {
	}

	/**
	 * The spintax of the content, expanded.
	 *
	 * @param groups every group, nested ones included, in the order they appear
	 * @param subjectCombinations the ways the subject can be chosen
	 * @param bodyCombinations the ways the body can (HTML and, when written apart, its
	 * text alternative, chosen independently)
	 * @param combinations subject times body: the distinct messages a contact can get, at
	 * most ({@link Long#MAX_VALUE} when beyond it)
	 * @param subjects the distinct rendered subjects, at most {@link #CAP}
	 * @param bodies the distinct rendered bodies, at most {@link #CAP}
	 * @param texts the distinct rendered text alternatives when written apart from the
	 * HTML with spintax of their own, else empty
	 * @param capped whether some variants are left out of the lists
	 */
	public record Expansion(List<Group> groups, long subjectCombinations, long bodyCombinations, long combinations,
			List<String> subjects, List<Body> bodies, List<String> texts, boolean capped) {
	}

	/**
	 * A spintax group.
	 *
	 * @param part where it is: subject, html or text
	 * @param source the group as written, braces included
	 * @param options each option as written
	 * @param depth 0 at top level, 1 inside an option of another group, ...
	 */
	public record Group(String part, String source, List<String> options, int depth) {
	}

	/** One body variant: its HTML (null for plain text) and its text. */
	public record Body(String html, String text) {
	}

	/**
	 * The strict check over contacts.
	 *
	 * @param contacts how many contacts were asked about
	 * @param checked how many were looked at (the first {@link #CONTACTS_CHECKED})
	 * @param withMissing how many of those lack a value
	 * @param missing the contacts that lack a value, in the order asked
	 */
	public record MissingReport(int contacts, int checked, int withMissing, List<ContactMissing> missing) {
	}

	/** A contact and the variables it has no value for (and no default covers). */
	public record ContactMissing(UUID contactId, String email, List<String> variables) {
	}

	private final Personalizer personalizer;

	private final Templates templates;

	private final Contacts contacts;

	private final Variables variables;

	Previews(Personalizer personalizer, Templates templates, Contacts contacts, Variables variables) {
		this.personalizer = personalizer;
		this.templates = templates;
		this.contacts = contacts;
		this.variables = variables;
	}

	/**
	 * Renders {@code content} for a contact of the caller's workspace as a campaign would
	 * (same spintax choices, same strict check), with its spintax expanded.
	 * @param contactId a contact of the workspace, or null for a sample contact with
	 * plausible values for every field
	 * @param sender the {@code sender} fields ({@link Templates#sender}), or null for a
	 * sample sender
	 * @param timeZone an IANA zone for dates; null or blank: the contact's (UTC for the
	 * sample or an unknown stored zone)
	 * @throws InvalidInputProblem {@code invalid-content} (too large, subject over one
	 * line), {@code invalid-liquid}, {@code invalid-time-zone}
	 * @throws com.penguinmails.shared.NotFoundProblem for a contact of another workspace
	 */
	public Preview preview(Tenant tenant, Content content, UUID contactId, Map<String, Object> sender,
			String timeZone) {
		tenant.require(WorkspaceRole.VIEWER, "templates:read");
		check(content);
		Contact contact = contactId == null ? variables.sampleContact(tenant) : contacts.get(tenant, contactId);
		String zone = zone(timeZone, contactId == null ? null : contact.timeZone());
		Map<String, Object> fields = fields(contact, sender);
		Rendered rendered = liquid(() -> templates.render(template(content), fields, zone));
		Expansion expansion = liquid(() -> expand(content, fields, ZoneId.of(zone)));
		return new Preview(contactId, contact.email(), rendered.subject(), rendered.html(), rendered.text(),
				rendered.missing(), zone, expansion);
	}

	/**
	 * The strict check for each of {@code contactIds} (the first
	 * {@link #CONTACTS_CHECKED} are looked at): the variables each lacks.
	 * @param sender as for {@link #preview}
	 * @throws UnknownIdsProblem (404) when an id is not a contact of the workspace
	 */
	public MissingReport missing(Tenant tenant, Content content, List<UUID> contactIds, Map<String, Object> sender) {
		tenant.require(WorkspaceRole.VIEWER, "templates:read");
		check(content);
		if (contactIds != null && contactIds.stream().anyMatch(java.util.Objects::isNull)) {
			throw new InvalidInputProblem("invalid-contact-ids", "contactIds holds a null.");
		}
		List<UUID> ids = List.copyOf(new LinkedHashSet<>(contactIds == null ? List.of() : contactIds));
		List<UUID> unknown = ids.isEmpty() ? List.of() : contacts.missing(tenant.workspaceId(), ids);
		if (!unknown.isEmpty()) {
			throw new UnknownIdsProblem("Contacts", unknown);
		}
		List<UUID> looked = ids.subList(0, Math.min(ids.size(), CONTACTS_CHECKED));
		Map<UUID, Contact> found = contacts.byIds(tenant, looked);
		EmailTemplate template = template(content);
		List<ContactMissing> missing = new ArrayList<>();
		for (UUID id : looked) {
			Contact contact = found.get(id);
			Rendered rendered = liquid(
					() -> templates.render(template, fields(contact, sender), zone(null, contact.timeZone())));
			if (!rendered.missing().isEmpty()) {
				missing.add(new ContactMissing(id, contact.email(), rendered.missing()));
			}
		}
		return new MissingReport(ids.size(), looked.size(), missing.size(), missing);
	}

	/** {@link #missing(Tenant, Content, List, Map)} with the sample sender. */
	public MissingReport missing(Tenant tenant, Content content, List<UUID> contactIds) {
		return missing(tenant, content, contactIds, null);
	}

	private Expansion expand(Content content, Map<String, Object> fields, ZoneId zone) {
		String html = content.sentHtml();
		String text = content.text() == null || content.text().isBlank() ? null : content.text();
		List<Group> groups = new ArrayList<>();
		groups.addAll(groups("subject", content.subject()));
		groups.addAll(groups("html", html));
		groups.addAll(groups("text", text));
		long subjectCombinations = Spintax.combinations(content.subject());
		boolean separateText = html != null && text != null;
		long bodyCombinations = html == null ? Spintax.combinations(text)
				: times(Spintax.combinations(html), separateText ? Spintax.combinations(text) : 1);
		Map<String, Object> values = fields;
		LinkedHashSet<String> subjects = new LinkedHashSet<>();
		for (String subject : Spintax.expandAll(content.subject(), CAP)) {
			subjects.add(personalizer.renderChosen(subject, null, "", values, zone).subject());
		}
		LinkedHashSet<Body> bodies = new LinkedHashSet<>();
		for (String body : Spintax.expandAll(html == null ? text : html, CAP)) {
			Rendered rendered = html == null ? personalizer.renderChosen("", null, body, values, zone)
					: personalizer.renderChosen("", body, null, values, zone);
			bodies.add(new Body(rendered.html(), rendered.text()));
		}
		LinkedHashSet<String> texts = new LinkedHashSet<>();
		if (separateText && Spintax.combinations(text) > 1) {
			for (String variant : Spintax.expandAll(text, CAP)) {
				texts.add(personalizer.renderChosen("", null, variant, values, zone).text());
			}
		}
		boolean capped = subjectCombinations > CAP || Spintax.combinations(html == null ? text : html) > CAP
				|| (separateText && Spintax.combinations(text) > CAP);
		return new Expansion(groups, subjectCombinations, bodyCombinations,
				times(subjectCombinations, bodyCombinations), List.copyOf(subjects), List.copyOf(bodies),
				List.copyOf(texts), capped);
	}

	private static List<Group> groups(String part, String source) {
		return Spintax.groups(source)
			.stream()
			.map(group -> new Group(part, group.source(), group.options(), group.depth()))
			.toList();
	}

	private static long times(long a, long b) {
		return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
	}

	/** As a campaign step: the contact's merge fields and {@code sender}. */
	private static Map<String, Object> fields(Contact contact, Map<String, Object> sender) {
		Map<String, Object> fields = new LinkedHashMap<>(contact.mergeFields());
		fields.put("sender", sender == null ? Variables.sampleSender() : sender);
		// As Templates.render: each real message gets its own signed link.
		fields.put("unsubscribe_url", "https://unsubscribe.invalid/preview");
		return fields;
	}

	private static EmailTemplate template(Content content) {
		return new EmailTemplate(null, "", 0, content.subject() == null ? "" : content.subject(), content.sentHtml(),
				content.text(), null);
	}

	/**
	 * The zone asked for, else the contact's stored zone when Java knows it, else UTC.
	 */
	private static String zone(String asked, String stored) {
		if (asked != null && !asked.isBlank()) {
			try {
				return ZoneId.of(asked.strip()).getId();
			}
			catch (DateTimeException ex) {
				throw new InvalidInputProblem("invalid-time-zone", "Unknown time zone: " + asked);
			}
		}
		try {
			return stored == null || stored.isBlank() ? "UTC" : ZoneId.of(stored.strip()).getId();
		}
		catch (DateTimeException ex) {
			return "UTC";
		}
	}

	private static void check(Content content) {
		if (content == null) {
			throw new InvalidInputProblem("invalid-content", "Give a subject and a body to preview.");
		}
		String subject = content.subject() == null ? "" : content.subject();
		if (subject.length() > 1_000 || subject.contains("\r") || subject.contains("\n")) {
			throw new InvalidInputProblem("invalid-content",
					"The subject must be one line of at most 1,000 characters.");
		}
		if (length(content.html()) > 500_000 || length(content.text()) > 500_000) {
			throw new InvalidInputProblem("invalid-content", "The body is over 500 KB.");
		}
	}

	private static int length(String value) {
		return value == null ? 0 : value.length();
	}

	/** A Liquid syntax error while typing is the user's to fix: a 400, not a 500. */
	private static <T> T liquid(java.util.function.Supplier<T> render) {
		try {
			return render.get();
		}
		catch (Problem problem) {
			throw problem;
		}
		catch (RuntimeException ex) {
			throw new InvalidInputProblem("invalid-liquid",
					"The content has a Liquid syntax error: " + ex.getMessage());
		}
	}

}
