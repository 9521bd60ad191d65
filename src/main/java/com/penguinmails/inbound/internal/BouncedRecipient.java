package com.penguinmails.inbound.internal;

/** STUB. */
public record BouncedRecipient(String address, String action, String status, String diagnostic, String type) {
}
