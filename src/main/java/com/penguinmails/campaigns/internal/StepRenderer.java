package com.penguinmails.campaigns.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.contacts.Contact;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.shared.NotFoundProblem;
import com.penguinmails.shared.Tenant;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Rendered;
import com.penguinmails.templates.Templates;

/**
 * Renders a step's variant for one contact (Liquid and spintax, by templates), with the
 * sending mailbox as {@code sender} and the message's own unsubscribe link. A variant
 * linked to a template is first {@linkplain #resolve resolved} to the template's latest
 * version.
 */
@Component
public class StepRenderer {

	private final Templates templates;

	StepRenderer(Templates templates) {
		this.templates = templates;
	}

	/**
	 * The content to send: a linked variant with its template's latest subject, HTML and
	 * text (on the workspace's behalf); any other variant as it is. Empty when the linked
	 * template was deleted.
	 */
	public Optional<Variant> resolve(UUID workspaceId, Variant variant) {
		if (!variant.templateLinked() || variant.templateId() == null) {
			return Optional.of(variant);
		}
		return latest(workspaceId, variant.templateId()).map(template -> new Variant(template.subject(),
				template.html(), template.text(), template.id(), true, variant.source()));
	}

	/**
	 * The template's latest version, or empty when the workspace has no such template.
	 */
	public Optional<EmailTemplate> latest(UUID workspaceId, UUID templateId) {
		try {
			return Optional.of(templates.get(Tenant.system(workspaceId), templateId));
		}
		catch (NotFoundProblem ex) {
			return Optional.empty();
		}
	}

	/**
	 * Renders {@code variant} (already resolved) for {@code contact} from {@code from},
	 * dates in {@code timeZone} (IANA); {@code unsubscribeUrl} fills {@code {{
	 * unsubscribe_url }}} (null: the template's preview placeholder, as launch checks
	 * use). A variant with a text and no HTML renders its text as both (a plain-text step
	 * sends only the text).
	 */
	public Rendered render(Variant variant, Contact contact, Mailbox from, String timeZone, String unsubscribeUrl) {
		Map<String, Object> fields = new LinkedHashMap<>(contact.mergeFields());
		fields.put("sender", from == null ? Map.of() : Templates.sender(from));
		if (unsubscribeUrl != null) {
			fields.put("unsubscribe_url", unsubscribeUrl);
		}
		String html = variant.html() == null || variant.html().isBlank() ? orEmpty(variant.text()) : variant.html();
		EmailTemplate template = new EmailTemplate(null, "", 0, orEmpty(variant.subject()), html, variant.text(), null);
		return templates.render(template, fields, timeZone);
	}

	private static String orEmpty(String value) {
		return value == null ? "" : value;
	}

}
