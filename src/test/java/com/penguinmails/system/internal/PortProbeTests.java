package com.penguinmails.system.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.penguinmails.shared.NetworkPolicy;
import com.penguinmails.shared.SystemCheck.Result;
import com.penguinmails.shared.SystemCheck.Status;
import com.penguinmails.system.internal.PortProbe.Probe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound SMTP port check against real sockets on loopback (allowed the way tests
 * allow it, with penguinmails.network.allow): a port with nothing listening is reported
 * unreachable with what to do, a listening one reachable; port 25 closed says that many
 * clouds block it; the result is cached; a host the network policy refuses is never
 * connected to.
 */
class PortProbeTests {

	private static final NetworkPolicy LOOPBACK_ALLOWED = new NetworkPolicy(
			new NetworkPolicy.Settings(List.of("127.0.0.1")));

	private static SystemProperties settings(List<Integer> ports) {
		return new SystemProperties(false, "127.0.0.1", ports, Duration.ofSeconds(2), Duration.ofMinutes(15),
				Duration.ofSeconds(8), 90);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	@Test
	void aPortWithNothingListeningIsUnreachableAndAListeningOneReachable() throws IOException {
		try (ServerSocket listening = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
			int closed = closedPort();
			PortProbe probe = new PortProbe(LOOPBACK_ALLOWED, settings(List.of(closed, listening.getLocalPort())),
					Clock.systemUTC());

			Probe result = probe.probe();
			assertThat(result.ports()).extracting(PortProbe.PortResult::reachable).containsExactly(false, true);
			assertThat(result.ports().get(0).error()).containsIgnoringCase("refused");

			Result check = new PortsCheck(probe).run();
			assertThat(check.status()).isEqualTo(Status.WARNING);
			assertThat(check.summary()).contains("Port " + closed + " of 127.0.0.1 is unreachable")
				.contains(listening.getLocalPort() + " reachable");
			assertThat(check.whatToDo()).contains("firewall").doesNotContain("port 25");
			assertThat(check.figures()).containsEntry("unreachable", List.of(closed))
				.containsEntry("reachable", List.of(listening.getLocalPort()));
			assertThat(probe.probe()).as("kept for 15 minutes").isSameAs(result);
		}
	}

	@Test
	void anUnreachablePort25IsReportedWithWhatToDo() throws IOException {
		Assumptions.assumeFalse(listening(25), "Something listens on 127.0.0.1:25 here");
		int closed = closedPort();
		PortProbe probe = new PortProbe(LOOPBACK_ALLOWED, settings(List.of(25, closed)), Clock.systemUTC());

		Result check = new PortsCheck(probe).run();

		assertThat(check.status()).as("no port open").isEqualTo(Status.FAILING);
		assertThat(check.summary()).startsWith("Ports 25, " + closed + " of 127.0.0.1 are unreachable");
		assertThat(check.whatToDo()).startsWith("Many clouds block port 25: ask your provider")
			.contains("relay or a provider's API");
	}

	@Test
	void aHostTheNetworkPolicyRefusesIsNotConnectedTo() throws IOException {
		try (ServerSocket listening = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
			PortProbe probe = new PortProbe(new NetworkPolicy(new NetworkPolicy.Settings(List.of())),
					settings(List.of(listening.getLocalPort())), Clock.systemUTC());

			PortProbe.PortResult result = probe.probe().ports().get(0);

			assertThat(result.reachable()).isFalse();
			assertThat(result.error()).isEqualTo("refused by penguinmails.network.allow: loopback");
		}
	}

	private static boolean listening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
