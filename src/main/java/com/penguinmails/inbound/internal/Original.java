package com.penguinmails.inbound.internal;

/** STUB. */
public record Original(String messageId, String penguinId, String to, String subject) {
}
