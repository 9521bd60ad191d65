package com.penguinmails.campaigns.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.penguinmails.campaigns.Campaign.Variant;
import com.penguinmails.contacts.Contact;
import com.penguinmails.mailboxes.Mailbox;
import com.penguinmails.templates.EmailTemplate;
import com.penguinmails.templates.Rendered;
import com.penguinmails.templates.Templates;

/**
 * Renders a step's variant for one contact (Liquid and spintax, by templates), with the
 * sending mailbox as {@code sender} and the message's own unsubscribe link.
 */
@Component
public class StepRenderer {

	private final Templates templates;

	StepRenderer(Templates templates) {
		this.templates = templates;
	}

	/**
	 * Renders {@code variant} for {@code contact} from {@code from}, dates in
	 * {@code timeZone} (IANA); {@code unsubscribeUrl} fills {@code {{ unsubscribe_url }}}
	 * (null: the template's preview placeholder, as launch checks use).
	 */
	public Rendered render(Variant variant, Contact contact, Mailbox from, String timeZone, String unsubscribeUrl) {
		Map<String, Object> fields = new LinkedHashMap<>(contact.mergeFields());
		fields.put("sender", from == null ? Map.of() : Templates.sender(from));
		if (unsubscribeUrl != null) {
			fields.put("unsubscribe_url", unsubscribeUrl);
		}
		EmailTemplate template = new EmailTemplate(null, "", 0, variant.subject(), variant.html(), variant.text(),
				null);
		return templates.render(template, fields, timeZone);
	}

}
