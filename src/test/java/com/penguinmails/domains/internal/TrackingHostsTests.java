package com.penguinmails.domains.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verified tracking hosts, kept a minute: asked for every message and every request
 * on a tracking host, so the database answers once a minute per host, found or not.
 */
class TrackingHostsTests {

	private static final UUID WORKSPACE = UUID.randomUUID();

	/**
	 * A repository where example.com (and xn--bcher-kva.example) have their CNAME
	 * verified.
	 */
	private static final class Repository extends DomainRepository {

		final List<String> asked = new ArrayList<>();

		Repository() {
			super(null);
		}

		@Override
		boolean trackingVerified(UUID workspaceId, String name) {
			asked.add(workspaceId + "/" + name);
			return WORKSPACE.equals(workspaceId) && verified(name);
		}

		@Override
		Optional<UUID> trackingOwner(String name) {
			asked.add(name);
			return verified(name) ? Optional.of(WORKSPACE) : Optional.empty();
		}

		private static boolean verified(String name) {
			return name.equals("example.com") || name.equals("xn--bcher-kva.example");
		}

	}

	private final Repository repository = new Repository();

	private final AtomicLong nanos = new AtomicLong(42);

	private final TrackingHosts hosts = new TrackingHosts(repository, nanos::get);

	@Test
	void aVerifiedDomainHasItsTrackHostAndOthersNone() {
		assertThat(hosts.host(WORKSPACE, "example.com")).contains("track.example.com");
		assertThat(hosts.host(WORKSPACE, "Example.COM.")).contains("track.example.com");
		assertThat(hosts.host(WORKSPACE, "bücher.example")).contains("track.xn--bcher-kva.example");
		assertThat(hosts.host(WORKSPACE, "other.test")).isEmpty();
		assertThat(hosts.host(UUID.randomUUID(), "example.com")).isEmpty();
		assertThat(hosts.host(WORKSPACE, "")).isEmpty();
		assertThat(hosts.host(null, "example.com")).isEmpty();
	}

	@Test
	void aVerifiedTrackHostHasItsWorkspaceAndNoOtherHostHasOne() {
		assertThat(hosts.owner("track.example.com")).contains(WORKSPACE);
		assertThat(hosts.owner("TRACK.example.com.")).contains(WORKSPACE);
		assertThat(hosts.owner("track.other.test")).isEmpty();
		assertThat(hosts.owner("example.com")).isEmpty();
		assertThat(hosts.owner("localhost")).isEmpty();
		assertThat(hosts.owner(null)).isEmpty();
		// Only track.<domain> names are looked up.
		assertThat(repository.asked).containsExactly("example.com", "other.test");
	}

	@Test
	void answersFoundOrNotAreKeptAMinute() {
		for (int i = 0; i < 3; i++) {
			hosts.host(WORKSPACE, "example.com");
			hosts.host(WORKSPACE, "other.test");
			hosts.owner("track.example.com");
			hosts.owner("track.other.test");
		}
		assertThat(repository.asked).hasSize(4);

		nanos.addAndGet(TrackingHosts.KEEP_NANOS - 1);
		hosts.host(WORKSPACE, "example.com");
		hosts.owner("track.other.test");
		assertThat(repository.asked).hasSize(4);

		nanos.addAndGet(1);
		hosts.host(WORKSPACE, "example.com");
		hosts.owner("track.other.test");
		assertThat(repository.asked).hasSize(6);
	}

	@Test
	void aDomainForgottenIsAskedForAgain() {
		hosts.host(WORKSPACE, "example.com");
		hosts.owner("track.example.com");
		hosts.host(WORKSPACE, "other.test");

		hosts.forget("example.com");
		hosts.host(WORKSPACE, "example.com");
		hosts.owner("track.example.com");
		hosts.host(WORKSPACE, "other.test");

		assertThat(repository.asked).containsExactly(WORKSPACE + "/example.com", "example.com",
				WORKSPACE + "/other.test", WORKSPACE + "/example.com", "example.com");
	}

}
