package com.penguinmails.tracking.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.penguinmails.delivery.Outbox;
import com.penguinmails.delivery.Outbox.Recipient;

/**
 * The message a tracking link names, remembered for a minute: a message is opened again
 * and again (every time it is displayed), and who it went to does not change once it is
 * sent. An erasure shows here within the minute.
 */
@Component
public class SentMessages {

	private static final Duration KEEP = Duration.ofMinutes(1);

	private static final int MAX_ENTRIES = 100_000;

	private record Key(UUID enrolmentId, int step) {
	}

	private record Entry(Recipient recipient, Instant until) {
	}

	private final Map<Key, Entry> known = new ConcurrentHashMap<>();

	private final Outbox outbox;

	private final Clock clock;

	SentMessages(Outbox outbox, Clock clock) {
		this.outbox = outbox;
		this.clock = clock;
	}

	public Optional<Recipient> find(UUID enrolmentId, int step) {
		Key key = new Key(enrolmentId, step);
		Instant now = clock.instant();
		Entry entry = known.get(key);
		if (entry != null && entry.until().isAfter(now)) {
			return Optional.of(entry.recipient());
		}
		Optional<Recipient> found = outbox.recipient(enrolmentId, step);
		// Only sent messages are remembered: one queued has no send time yet.
		found.filter(recipient -> recipient.sentAt() != null).ifPresent(recipient -> {
			if (known.size() >= MAX_ENTRIES) {
				known.clear();
			}
			known.put(key, new Entry(recipient, now.plus(KEEP)));
		});
		return found;
	}

}
