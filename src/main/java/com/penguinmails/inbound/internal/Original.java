package com.penguinmails.inbound.internal;

/**
 * What a report says about the message we sent, for matching it back: from the attached
 * message/rfc822 or text/rfc822-headers part, or headers quoted in a non-standard
 * bounce's text. Any field may be {@code null}.
 *
 * @param messageId the original's Message-ID with its angle brackets, e.g.
 * {@code "<abc@send.example>"}
 * @param penguinId our header X-PenguinMails-ID, a UUID string
 * @param to the original's (first) To address, bare
 * @param subject the original's Subject, decoded
 */
public record Original(String messageId, String penguinId, String to, String subject) {

}
