/**
 * Templates and personalisation: versioned subject/HTML/text templates in Liquid, spintax
 * chosen deterministically per contact, strict checks for variables without values, plain
 * text from HTML, previews and test sends. The SQL is
 * {@code internal.TemplateRepository}'s; rendering is {@code internal.Personalizer} (with
 * {@code Spintax}, {@code HtmlOutputs} for escaping and {@code HtmlText} for the text
 * part). Each version records its {@code TemplateEditor} (plain text, HTML code, or the
 * visual GrapesJS/MJML editor with its MJML {@code source}); {@code TemplateVersions}
 * lists, compares (java-diff-utils) and restores versions, naming who saved each through
 * {@code identity.WorkspaceDirectory}. {@code Lint} is the deliverability lint (findings
 * and a score per message, link checks on request, SpamAssassin where installed); its
 * rules are in {@code internal.lint}.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "contacts", "delivery", "identity", "mailboxes", "shared" })
package com.penguinmails.templates;
