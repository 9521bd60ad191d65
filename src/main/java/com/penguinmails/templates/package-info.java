/**
 * Templates and personalisation: versioned subject/HTML/text templates in Liquid, spintax
 * chosen deterministically per contact, strict checks for variables without values, plain
 * text from HTML, previews and test sends. The SQL is
 * {@code internal.TemplateRepository}'s; rendering is {@code internal.Personalizer} (with
 * {@code Spintax}, {@code HtmlOutputs} for escaping and {@code HtmlText} for the text
 * part). {@code Lint} is the deliverability lint (findings and a score per message, link
 * checks on request, SpamAssassin where installed); its rules are in
 * {@code internal.lint}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "contacts", "delivery", "mailboxes", "shared" })
package com.penguinmails.templates;
