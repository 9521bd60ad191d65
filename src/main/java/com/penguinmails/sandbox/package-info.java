/**
 * The sandbox: an in-process SMTP and IMAP server (GreenMail) that catches all mail, so a
 * newcomer can run PenguinMails with no mail server and read what it sent at
 * {@code /sandbox/mail}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package com.penguinmails.sandbox;
