package com.penguinmails.system.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.NetworkPolicy;

/**
 * Whether this node can open TCP connections to a mail server's SMTP ports (25 for
 * server-to-server relay, RFC 5321; 465 implicit TLS, RFC 8314; 587 submission, RFC
 * 6409): one connect per port, side by side, each within {@code port-probe-timeout} (5
 * s); the answer is kept for {@code port-probe-cache-for} (15 min). Only the TCP
 * handshake is made: nothing is sent. The host passes the {@link NetworkPolicy} like any
 * other (loopback or private only when {@code penguinmails.network.allow} says so).
 */
@Component
public class PortProbe {

	/**
	 * One port's outcome.
	 *
	 * @param port the port tried
	 * @param reachable whether the connection opened
	 * @param millis how long the attempt took
	 * @param error why not, or null
	 */
	public record PortResult(int port, boolean reachable, long millis, String error) {
	}

	/** A probe of one host's ports at one instant. */
	public record Probe(String host, List<PortResult> ports, Instant at) {
	}

	private final NetworkPolicy network;

	private final SystemProperties properties;

	private final Clock clock;

	private volatile Probe cached;

	PortProbe(NetworkPolicy network, SystemProperties properties, Clock clock) {
		this.network = network;
		this.properties = properties;
		this.clock = clock;
	}

	/** The configured host's ports, from the cache when it is recent enough. */
	public Probe probe() {
		Probe last = cached;
		Instant now = clock.instant();
		if (last != null && last.host().equals(properties.portProbeHost())
				&& now.isBefore(last.at().plus(properties.portProbeCacheFor()))) {
			return last;
		}
		Probe fresh = probe(properties.portProbeHost(), properties.portProbePorts(), properties.portProbeTimeout());
		cached = fresh;
		return fresh;
	}

	/** Probes {@code host}'s {@code ports} now, each within {@code timeout}; no cache. */
	public Probe probe(String host, List<Integer> ports, Duration timeout) {
		Instant at = clock.instant();
		// One thread per port (the common pool may have one thread on a small machine).
		ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, ports.size()), r -> {
			Thread thread = new Thread(r, "pm-port-probe");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<CompletableFuture<PortResult>> attempts = ports.stream()
				.map(port -> CompletableFuture.supplyAsync(() -> connect(host, port, timeout), threads))
				.toList();
			return new Probe(host, attempts.stream().map(CompletableFuture::join).toList(), at);
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** Forgets the cached probe (after a change of settings, or in tests). */
	public void forget() {
		cached = null;
	}

	private PortResult connect(String host, int port, Duration timeout) {
		long start = System.nanoTime();
		List<InetAddress> addresses;
		try {
			addresses = network.check(host, port);
		}
		catch (NetworkPolicy.RefusedAddress ex) {
			return new PortResult(port, false, 0, "refused by penguinmails.network.allow: " + ex.addressClass());
		}
		if (addresses.isEmpty()) {
			return new PortResult(port, false, millis(start), host + " does not resolve");
		}
		String error = null;
		for (InetAddress address : addresses) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
				return new PortResult(port, true, millis(start), null);
			}
			catch (java.net.SocketTimeoutException ex) {
				error = "no answer within " + timeout.toSeconds() + " s (filtered)";
			}
			catch (IOException ex) {
				error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
			}
			if (millis(start) >= timeout.toMillis()) {
				break;
			}
		}
		return new PortResult(port, false, millis(start), error);
	}

	private static long millis(long start) {
		return (System.nanoTime() - start) / 1_000_000;
	}

}
