package com.penguinmails.inbound.internal;

/**
 * One recipient of a bounce.
 *
 * @param address the recipient's bare address, e.g. {@code "bob@example.com"}
 * @param action {@code "failed"} or {@code "delayed"} (RFC 3464 §2.3.3)
 * @param status the most specific enhanced status code (RFC 3463) the report gives, e.g.
 * {@code "5.1.1"}: the Status field's, or the Diagnostic-Code's when that is more
 * specific (Status {@code 5.0.0} with a diagnostic {@code 550 5.1.1 ...} gives
 * {@code "5.1.1"}); {@code null} when the report has none
 * @param diagnostic the remote server's reply or the report's own words, or {@code null}
 * @param type {@code "hard"} (the address does not exist), {@code "soft"} (a temporary
 * failure, a full mailbox), {@code "block"} (refused as spam or by policy) or
 * {@code "unknown"}
 */
public record BouncedRecipient(String address, String action, String status, String diagnostic, String type) {

}
