package com.penguinmails.system.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * This process as a node of the installation: a UUID drawn at start (a restarted process
 * is a new node), its machine's host name, process id, version and start instant.
 */
public record NodeIdentity(UUID id, String hostname, long pid, String version, Instant startedAt) {
}
