package com.penguinmails.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.penguinmails.support.BenchApplication;
import com.penguinmails.support.BenchSink;
import com.penguinmails.support.TestDnsServer;

/**
 * Benchmark, not a test: crash safety of the embedded default with a real
 * {@code kill -9}. Runs the packaged application in a child process (its embedded
 * PostgreSQL), sets up an account, a verified domain (records served by a DNS server
 * here), a mailbox sending to an SMTP sink here and a campaign of 10,000 contacts, all
 * through the HTTP API; kills the process with SIGKILL in the middle of the run, starts
 * it again on the same data directory, waits for the rest, and counts at the sink what
 * arrived once, twice, or not at all. {@code bash bench/crash.sh} runs it; several nodes
 * on one PostgreSQL are {@code ClusterBench}'s.
 */
@Tag("bench")
class CrashRecoveryBench {

	static final int MESSAGES = Integer.getInteger("bench.messages", 10_000);

	@Test
	void killNineInTheMiddleOfARunThenRestart() throws Exception {
		Path jar = Path.of(System.getProperty("bench.jar", "target/penguinmails-0.1.0-SNAPSHOT.jar"));
		Path dir = Files.createTempDirectory("penguinmails-crash");
		BenchSink sink = BenchSink.start(1000, null);
		TestDnsServer dns = TestDnsServer.start();
		int port = BenchApplication.freePort();
		String base = "http://localhost:" + port;
		Map<String, String> env = BenchApplication.environment(dir.resolve("data"), port, base, dns);
		Process app = BenchApplication.start(jar, "512m", env, dir.resolve("first.log"), base);
		Process second = null;
		try {
			BenchApplication user = new BenchApplication(base);
			user.signUp("crash", "domains:write,mailboxes:write,contacts:write,campaigns:write");
			user.verifiedDomain(dns, "crash.test");
			String mailbox = user.mailbox("sender@crash.test", sink.port(), 143, "u", "p", 0);
			String list = user.contacts("Crash", MESSAGES);
			user.launch(BenchApplication.campaignDraft("Crash", List.of(mailbox)), list);
			long started = System.nanoTime();
			// Kill in the middle: once about a third has arrived.
			while (sink.unique() < MESSAGES / 3) {
				Thread.sleep(20);
			}
			app.destroyForcibly();
			app.waitFor();
			int atKill = sink.unique();
			long deliveriesAtKill = sink.deliveries();
			Thread.sleep(500);
			int settled = sink.unique();
			second = BenchApplication.start(jar, "512m", env, dir.resolve("second.log"), base);
			long restarted = System.nanoTime();
			// Leases of the messages in flight run out after two minutes.
			long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
			while (sink.unique() < MESSAGES && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			Thread.sleep(3000);
			System.out.printf(
					"BENCH crash: %d messages; killed (SIGKILL) with %d delivered (%d arrived in the 0.5 s after); "
							+ "restarted, all delivered %.0f s after the restart (%.0f s in all); unique %d of %d, "
							+ "delivered twice %d (extra deliveries %d), missing %d%n",
					MESSAGES, atKill, settled - atKill, (System.nanoTime() - restarted) / 1e9,
					(System.nanoTime() - started) / 1e9, sink.unique(), MESSAGES, sink.twice(), sink.extra(),
					MESSAGES - sink.unique());
			System.out.printf("BENCH crash: deliveries before the kill %d, after %d%n", deliveriesAtKill,
					sink.deliveries() - deliveriesAtKill);
		}
		finally {
			app.destroyForcibly();
			if (second != null) {
				second.destroy();
				second.waitFor();
			}
			sink.close();
			dns.close();
		}
	}

}
