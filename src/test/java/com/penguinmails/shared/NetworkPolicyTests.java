package com.penguinmails.shared;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared check of user-given hosts, with no allow-list (the production default):
 * every address in our machine's or a private network is refused, whatever form it takes.
 */
class NetworkPolicyTests {

	private final NetworkPolicy strict = new NetworkPolicy(new NetworkPolicy.Settings(List.of()));

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "127.0.0.1|loopback", "127.9.9.9|loopback", "localhost|loopback", "::1|loopback",
					"[::1]|loopback", "0.0.0.0|this network", "0.1.2.3|this network", "10.1.2.3|private",
					"172.16.0.1|private", "172.31.255.255|private", "192.168.1.1|private",
					"100.64.0.1|carrier-grade NAT", "100.127.255.254|carrier-grade NAT", "169.254.169.254|link-local",
					"fe80::1|link-local", "fd00::1|unique local", "fc12:3456::1|unique local", "224.0.0.1|multicast",
					"ff02::1|multicast", "::ffff:127.0.0.1|loopback", "::ffff:10.0.0.1|private",
					"::ffff:169.254.169.254|link-local", "::|unspecified" })
	void refusesAddressesOfOurMachineAndPrivateNetworks(String host, String addressClass) {
		assertThatThrownBy(() -> strict.check(host, 25)).isInstanceOf(NetworkPolicy.RefusedAddress.class)
			.isInstanceOf(InvalidInputProblem.class)
			.hasMessageContaining(addressClass)
			.hasMessageContaining("penguinmails.network.allow");
	}

	@ParameterizedTest
	@CsvSource({ "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888" })
	void allowsPublicAddresses(String host) {
		assertThatCode(() -> strict.check(host, 25)).doesNotThrowAnyException();
	}

	@Test
	void anAdministratorAllowsNetworksAndHostNames() {
		NetworkPolicy policy = new NetworkPolicy(
				new NetworkPolicy.Settings(List.of("10.0.0.0/8", " fd00::/8", "localhost", "192.168.1.7")));

		assertThatCode(() -> policy.check("10.20.30.40", 587)).doesNotThrowAnyException();
		assertThatCode(() -> policy.check("::ffff:10.20.30.40", 587)).doesNotThrowAnyException();
		assertThatCode(() -> policy.check("fd12::1", 587)).doesNotThrowAnyException();
		assertThatCode(() -> policy.check("localhost", 587)).doesNotThrowAnyException();
		assertThatCode(() -> policy.check("192.168.1.7", 587)).doesNotThrowAnyException();
		assertThatThrownBy(() -> policy.check("192.168.1.8", 587)).hasMessageContaining("private");
		assertThatThrownBy(() -> policy.check("127.0.0.1", 587)).hasMessageContaining("loopback");
	}

	@Test
	void theApplicationsOwnEndpointIsAllowedOnItsPortOnly() {
		NetworkPolicy policy = new NetworkPolicy(new NetworkPolicy.Settings(List.of()));
		policy.allow("127.0.0.1", 2525);

		assertThatCode(() -> policy.check("127.0.0.1", 2525)).doesNotThrowAnyException();
		assertThatThrownBy(() -> policy.check("127.0.0.1", 5432)).hasMessageContaining("loopback");
	}

	@Test
	void aNameThatDoesNotResolveIsLeftToTheConnectionsOwnDnsError() {
		assertThat(strict.check("no-such-host.invalid", 25)).isEmpty();
	}

}
