package com.penguinmails.templates;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.constraints.Size;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.penguinmails.contacts.Contact;
import com.penguinmails.contacts.Contacts;
import com.penguinmails.delivery.TestSends;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.shared.InvalidInputProblem;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.shared.WorkspaceRole;
import com.penguinmails.templates.internal.Personalizer;
import com.penguinmails.templates.internal.TemplateRepository;

/**
 * A workspace's email templates. Saving makes a new version (the old ones stay, for
 * campaigns that used them). Rendering is strict: a variable without a value and without
 * a default makes the message unsendable.
 */
@Service
public class Templates {

	/**
	 * What a save sends. {@code editor} (null: {@link TemplateEditor#CODE}) says how it
	 * was written: for {@link TemplateEditor#TEXT} the body is {@code text} and the HTML
	 * part is made from it (an {@code html} given is ignored); for
	 * {@link TemplateEditor#VISUAL} {@code source} is the MJML document and
	 * {@code html}/{@code text} what the browser's MJML compiler produced from it (kept
	 * as sent, at most 1 MB of HTML).
	 */
	public record Draft(String name, String subject, @Size(max = 1_000_000) String html,
			@Size(max = 1_000_000) String text, TemplateEditor editor, @Size(max = 1_000_000) String source) {

		/** A draft written as HTML code. */
		public Draft(String name, String subject, String html, String text) {
			this(name, subject, html, text, TemplateEditor.CODE, null);
		}

		/** The editor, {@link TemplateEditor#CODE} when none was given. */
		public TemplateEditor editorOrDefault() {
			return editor == null ? TemplateEditor.CODE : editor;
		}

	}

	private final TemplateRepository repository;

	private final Personalizer personalizer;

	private final TestSends testSends;

	private final Contacts contacts;

	private final Clock clock;

	Templates(TemplateRepository repository, Personalizer personalizer, TestSends testSends, Contacts contacts,
			Clock clock) {
		this.repository = repository;
		this.personalizer = personalizer;
		this.testSends = testSends;
		this.contacts = contacts;
		this.clock = clock;
	}

	@Transactional
	public EmailTemplate create(Tenant tenant, Draft draft) {
		tenant.require(WorkspaceRole.MEMBER, "templates:write");
		String name = check(draft);
		UUID id = UUID.randomUUID();
		try {
			repository.insert(tenant.workspaceId(), id, name, clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "template-exists",
					"A template named " + name + " exists.");
		}
		insertVersion(tenant, id, 1, draft);
		return get(tenant, id);
	}

	/** Saves a new version; the template's name may change too. */
	@Transactional
	public EmailTemplate update(Tenant tenant, UUID id, Draft draft) {
		tenant.require(WorkspaceRole.MEMBER, "templates:write");
		EmailTemplate current = get(tenant, id);
		String name = check(draft);
		try {
			repository.rename(tenant.workspaceId(), id, name);
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputProblem(HttpStatus.CONFLICT, "template-exists",
					"A template named " + name + " exists.");
		}
		insertVersion(tenant, id, current.version() + 1, draft);
		return get(tenant, id);
	}

	public List<EmailTemplate> list(Tenant tenant) {
		tenant.require(WorkspaceRole.VIEWER, "templates:read");
		return repository.latest(tenant.workspaceId());
	}

	public EmailTemplate get(Tenant tenant, UUID id) {
		return version(tenant, id, null);
	}

	/** One version, or the latest when {@code version} is null. */
	public EmailTemplate version(Tenant tenant, UUID id, Integer version) {
		tenant.require(WorkspaceRole.VIEWER, "templates:read");
		return repository.version(tenant.workspaceId(), id, version).orElseThrow(() -> new NotFoundProblem("Template"));
	}

	public List<EmailTemplate> versions(Tenant tenant, UUID id) {
		get(tenant, id);
		return repository.versions(tenant.workspaceId(), id);
	}

	@Transactional
	public void delete(Tenant tenant, UUID id) {
		tenant.require(WorkspaceRole.MEMBER, "templates:write");
		get(tenant, id);
		repository.delete(tenant.workspaceId(), id);
	}

	/**
	 * Renders the latest version for a contact's fields ({@code first_name}, custom
	 * fields under {@code custom}, the sender under {@code sender}), in the contact's
	 * time zone.
	 */
	public Rendered preview(Tenant tenant, UUID id, Map<String, Object> contact, String timeZone) {
		return preview(tenant, id, null, contact, timeZone);
	}

	/**
	 * Renders the latest version for a stored contact of the workspace, or for sample
	 * fields alone when {@code contactId} is null. With a contact, its merge fields are
	 * used and {@code fields} override individual values (nested maps value by value);
	 * the time zone is {@code timeZone} when given, else the contact's.
	 */
	public Rendered preview(Tenant tenant, UUID id, UUID contactId, Map<String, Object> fields, String timeZone) {
		EmailTemplate template = get(tenant, id);
		if (contactId == null) {
			return render(template, fields, timeZone);
		}
		Contact contact = contacts.get(tenant, contactId);
		String zone = timeZone != null && !timeZone.isBlank() ? timeZone : knownZone(contact.timeZone());
		return render(template, merged(contact.mergeFields(), fields), zone);
	}

	public Rendered render(EmailTemplate template, Map<String, Object> contact, String timeZone) {
		if (!contact.containsKey("unsubscribe_url")) {
			// Previews and test sends: each real message gets its own signed link.
			contact = new java.util.LinkedHashMap<>(contact);
			contact.put("unsubscribe_url", "https://unsubscribe.invalid/preview");
		}
		ZoneId zone;
		try {
			zone = timeZone == null || timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone);
		}
		catch (DateTimeException ex) {
			throw new InvalidInputProblem("invalid-time-zone", "Unknown time zone: " + timeZone);
		}
		Object seed = contact.getOrDefault("id", contact.getOrDefault("email", ""));
		return personalizer.render(template.subject(), template.html(), template.text(), contact, String.valueOf(seed),
				zone);
	}

	/**
	 * Sends the template, rendered for a sample contact, to any address through one of
	 * the workspace's mailboxes. Refused while a variable has no value.
	 */
	public Rendered sendTest(Tenant tenant, UUID id, UUID mailboxId, String to, Map<String, Object> contact,
			String timeZone) {
		return sendTest(tenant, id, mailboxId, to, null, contact, timeZone);
	}

	/**
	 * Sends the template rendered as {@link #preview(Tenant, UUID, UUID, Map, String)}
	 * would, to any address through one of the workspace's mailboxes. Refused while a
	 * variable has no value.
	 */
	public Rendered sendTest(Tenant tenant, UUID id, UUID mailboxId, String to, UUID contactId,
			Map<String, Object> fields, String timeZone) {
		tenant.require(WorkspaceRole.MEMBER, "templates:write");
		if (mailboxId == null) {
			throw new InvalidInputProblem("mailbox-required", "Choose a mailbox to send the test from.");
		}
		TestSends.Draft draft = testSends.draft(tenant, mailboxId);
		// As a campaign renders: the sender is the mailbox, and {{ unsubscribe_url }} the
		// message's own link (the one its List-Unsubscribe header gives).
		Map<String, Object> values = new LinkedHashMap<>(fields == null ? Map.of() : fields);
		values.put("sender", sender(draft.mailbox()));
		values.put("unsubscribe_url", testSends.unsubscribeUrl(tenant, draft).toString());
		Rendered rendered = preview(tenant, id, contactId, values, timeZone);
		if (!rendered.sendable()) {
			throw new InvalidInputProblem("missing-variables",
					"Not sent: no value for " + String.join(", ", rendered.missing())
							+ ". Give them a value or a default (for example {{ first_name | default: \"there\" }}).");
		}
		testSends.send(tenant, draft, to, "[Test] " + rendered.subject(), rendered.html(), rendered.text());
		return rendered;
	}

	/**
	 * A template's plain text as a reader of its text part gets it: the text written for
	 * it, else its HTML converted the way messages get their text alternative (paragraphs
	 * and line breaks kept, list items as "- ", links as "text (url)"); "" for neither.
	 */
	public static String plainText(EmailTemplate template) {
		if (template.text() != null && !template.text().isBlank()) {
			return template.text();
		}
		return template.html() == null || template.html().isBlank() ? "" : Personalizer.toText(template.html());
	}

	/**
	 * The {@code sender} fields of a message from {@code mailbox}: {@code name},
	 * {@code first_name}, {@code last_name} (the display name split at its first space)
	 * and {@code email}.
	 */
	public static Map<String, Object> sender(Mailbox mailbox) {
		String name = mailbox.displayName() == null ? "" : mailbox.displayName().strip();
		int space = name.indexOf(' ');
		Map<String, Object> sender = new java.util.HashMap<>();
		sender.put("name", name);
		sender.put("first_name", space > 0 ? name.substring(0, space) : name);
		sender.put("last_name", space > 0 ? name.substring(space + 1) : "");
		sender.put("email", mailbox.email());
		return sender;
	}

	/**
	 * A stored zone that Java does not know (contacts are imported from anywhere) renders
	 * in UTC rather than making the contact impossible to preview.
	 */
	private static String knownZone(String stored) {
		if (stored == null || stored.isBlank()) {
			return "UTC";
		}
		try {
			return ZoneId.of(stored.strip()).getId();
		}
		catch (DateTimeException ex) {
			return "UTC";
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> overrides) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		overrides.forEach((key, value) -> {
			if (value instanceof Map<?, ?> override && merged.get(key) instanceof Map<?, ?> original) {
				merged.put(key, merged((Map<String, Object>) original, (Map<String, Object>) override));
			}
			else {
				merged.put(key, value);
			}
		});
		return merged;
	}

	private void insertVersion(Tenant tenant, UUID id, int version, Draft draft) {
		TemplateEditor editor = draft.editorOrDefault();
		String text = draft.text() == null || draft.text().isBlank() ? null : draft.text();
		String html = editor == TemplateEditor.TEXT ? TextHtml.of(text) : draft.html();
		repository.insertVersion(
				tenant.workspaceId(), id, version, new TemplateRepository.Content(draft.subject().strip(), html, text,
						editor, editor == TemplateEditor.VISUAL ? draft.source() : null),
				tenant.userId(), clock.instant());
	}

	private static String check(Draft draft) {
		String name = draft.name() == null ? "" : draft.name().strip();
		if (name.isEmpty() || name.length() > 200) {
			throw new InvalidInputProblem("invalid-name", "Give the template a name of 1 to 200 characters.");
		}
		if (draft.subject() == null || draft.subject().isBlank()) {
			throw new InvalidInputProblem("subject-required", "Give the template a subject.");
		}
		if (draft.subject().contains("\r") || draft.subject().contains("\n")) {
			throw new InvalidInputProblem("invalid-subject", "The subject must be one line.");
		}
		EditorContent.check(draft);
		try {
			liqp.TemplateParser.DEFAULT.parse(draft.subject() + "\n" + (draft.html() == null ? "" : draft.html()) + "\n"
					+ (draft.text() == null ? "" : draft.text()) + "\n"
					+ (draft.source() == null ? "" : draft.source()));
		}
		catch (RuntimeException ex) {
			throw new InvalidInputProblem("invalid-liquid",
					"The template has a Liquid syntax error: " + ex.getMessage());
		}
		return name;
	}

}
