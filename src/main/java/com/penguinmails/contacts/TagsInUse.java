package com.penguinmails.contacts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.penguinmails.contacts.internal.ContactTableRepository;

/**
 * The tags a workspace's contacts carry, for the filter bar's and the bulk bar's
 * suggestions. Reading them reads every contact (about a second at 1M), so they are kept
 * per workspace: read once, then at most once every {@link #FRESH_FOR}, in the
 * background, while pages get the tags read last — a page load never waits for the read
 * except the very first.
 */
@Component
class TagsInUse {

	/** How long the tags read are reused before they are read again. */
	static final Duration FRESH_FOR = Duration.ofMinutes(1);

	/** The most tags offered. */
	static final int MOST = 500;

	private record Tags(List<String> tags, Instant read) {
	}

	private final ContactTableRepository repository;

	private final Clock clock;

	private final Map<UUID, Tags> known = new ConcurrentHashMap<>();

	private final Map<UUID, CompletableFuture<Void>> reading = new ConcurrentHashMap<>();

	TagsInUse(ContactTableRepository repository, Clock clock) {
		this.repository = repository;
		this.clock = clock;
	}

	/** The workspace's tags, alphabetical, at most {@link #MOST}. */
	List<String> of(UUID workspaceId) {
		Instant now = clock.instant();
		Tags tags = known.get(workspaceId);
		if (tags == null) {
			tags = read(workspaceId, now);
		}
		else if (tags.read().plus(FRESH_FOR).isBefore(now)) {
			reading.computeIfAbsent(workspaceId, id -> CompletableFuture.runAsync(() -> read(id, now))
				.whenComplete((done, failure) -> reading.remove(id)));
		}
		return tags.tags();
	}

	private Tags read(UUID workspaceId, Instant now) {
		Tags tags = new Tags(repository.tagsInUse(workspaceId, MOST), now);
		known.put(workspaceId, tags);
		return tags;
	}

}
