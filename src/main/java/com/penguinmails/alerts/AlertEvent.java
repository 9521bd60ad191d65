package com.penguinmails.alerts;

import java.time.Instant;

/**
 * One entry of an alert's incident timeline.
 *
 * @param kind {@code raised}, {@code notified}, {@code failed}, {@code held} (quiet
 * hours), {@code escalated}, {@code acknowledged} or {@code resolved}
 * @param detail what happened, in words: the channel and its outcome, who acknowledged
 */
public record AlertEvent(String kind, String detail, Instant at) {
}
