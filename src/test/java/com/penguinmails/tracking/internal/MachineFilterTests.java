package com.penguinmails.tracking.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The rules that tell machines from people, without the application: agents, networks,
 * timing.
 */
class MachineFilterTests {

	private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

	private final MachineFilter filter = filter(List.of("17.0.0.0/8", "66.249.64.0/19", "2a01:b740::/32"));

	private static MachineFilter filter(List<String> networks) {
		return new MachineFilter(new TrackingProperties(Duration.ofSeconds(5), Duration.ofSeconds(2),
				List.of("GoogleImageProxy", "^Mozilla/5\\.0$"), networks,
				List.of("Proofpoint", "(?<!cu)bot\\b", "^curl/"), false));
	}

	@Test
	void networksMatchTheirWholePrefixInIpv4AndIpv6() {
		assertThat(filter.machine(CHROME, "17.255.1.2", Device.UNKNOWN)).contains("proxy network: 17.0.0.0/8");
		assertThat(filter.machine(CHROME, "66.249.95.255", Device.UNKNOWN)).isPresent();
		assertThat(filter.machine(CHROME, "66.249.96.0", Device.UNKNOWN)).isEmpty();
		assertThat(filter.machine(CHROME, "18.0.0.1", Device.UNKNOWN)).isEmpty();
		assertThat(filter.machine(CHROME, "2a01:b740:0:1::5", Device.UNKNOWN)).isPresent();
		assertThat(filter.machine(CHROME, "::ffff:17.1.2.3", Device.UNKNOWN)).isPresent();
		assertThat(filter.machine(CHROME, "not-an-address", Device.UNKNOWN)).isEmpty();
	}

	@Test
	void scannersAreToldBeforeProxiesAndPhonesNamedLikeRobotsAreNotRobots() {
		assertThat(filter.machine("Proofpoint GoogleImageProxy", "203.0.113.1", Device.UNKNOWN))
			.contains("security scanner: Proofpoint");
		assertThat(filter.machine("Mozilla/5.0 (compatible; Googlebot/2.1)", "203.0.113.1", Device.UNKNOWN))
			.isPresent();
		assertThat(filter.machine("Mozilla/5.0 (Linux; Android 9; CUBOT X19) Chrome/80.0 Mobile Safari/537.36",
				"203.0.113.1", Device.UNKNOWN))
			.isEmpty();
		assertThat(filter.machine("", "203.0.113.1", Device.UNKNOWN)).contains("no user agent");
		assertThat(filter.machine(CHROME, "203.0.113.1", new Device("Robot", "SomeCrawler", "Cloud")))
			.contains("robot: SomeCrawler");
	}

	@Test
	void anOpenIsAMachinesUntilTheWindowAfterSendingHasPassed() {
		Instant sent = Instant.parse("2030-01-01T10:00:00Z");
		assertThat(filter.open(CHROME, "203.0.113.1", Device.UNKNOWN, sent, sent.plusMillis(4999))).isPresent();
		assertThat(filter.open(CHROME, "203.0.113.1", Device.UNKNOWN, sent, sent.plusSeconds(5))).isEmpty();
		assertThat(filter.open(CHROME, "203.0.113.1", Device.UNKNOWN, null, sent)).isEmpty();
	}

	@Test
	void aNetworkThatDoesNotParseStopsTheStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> filter(List.of("17.0.0.0/33")));
		assertThatIllegalArgumentException().isThrownBy(() -> filter(List.of("apple.com/8")));
	}

}
