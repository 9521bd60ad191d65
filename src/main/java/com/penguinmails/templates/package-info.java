/**
 * Templates and personalisation: versioned subject/HTML/text templates in Liquid, spintax
 * chosen deterministically per contact, strict checks for variables without values, plain
 * text from HTML, previews and test sends.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "contacts", "delivery", "mailboxes", "shared" })
package com.penguinmails.templates;
