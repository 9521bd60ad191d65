package com.penguinmails.system.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * This node's heartbeat: every 30 s ({@link SystemLoops}) its {@code system_nodes} row is
 * upserted with the loops it runs, and nodes unseen for 7 days are pruned. Which loops a
 * node runs is read from their {@code *-enabled} settings, as the loops themselves read
 * them.
 */
@Component
public class Heartbeats {

	/** The loops a node may run: their name on the status page, and their setting. */
	static final Map<String, String> LOOPS = loops();

	private final SystemRepository repository;

	private final Environment environment;

	private final Clock clock;

	private final NodeIdentity node;

	Heartbeats(SystemRepository repository, Environment environment, Clock clock,
			ObjectProvider<BuildProperties> build) {
		this.repository = repository;
		this.environment = environment;
		this.clock = clock;
		this.node = new NodeIdentity(UUID.randomUUID(), hostname(), ProcessHandle.current().pid(), version(build),
				clock.instant());
	}

	private static Map<String, String> loops() {
		Map<String, String> loops = new LinkedHashMap<>();
		loops.put("scheduler", "penguinmails.campaigns.scheduler-enabled");
		loops.put("dispatcher", "penguinmails.delivery.dispatcher-enabled");
		loops.put("inbound-sync", "penguinmails.inbound.sync-enabled");
		loops.put("webhooks", "penguinmails.webhooks.delivery.sender-enabled");
		loops.put("warmup", "penguinmails.warmup.loop-enabled");
		loops.put("contacts-bulk", "penguinmails.contacts.bulk-worker-enabled");
		loops.put("analytics-rollups", "penguinmails.analytics.rollup-refresh");
		loops.put("reports", "penguinmails.analytics.reports.runner-enabled");
		loops.put("throttling", "penguinmails.reputation.throttling.review-enabled");
		loops.put("provider-health", "penguinmails.providers.health-checks-enabled");
		loops.put("provider-reconcile", "penguinmails.providers.reconcile-enabled");
		loops.put("postmaster", "penguinmails.postmaster.scheduler-enabled");
		loops.put("crm-sync", "penguinmails.crm.scheduler-enabled");
		loops.put("crm-push", "penguinmails.crm.push-enabled");
		return java.util.Collections.unmodifiableMap(loops);
	}

	/** This process as a node. */
	public NodeIdentity node() {
		return node;
	}

	/** The loops enabled on this node, in {@link #LOOPS} order. */
	public List<String> runs() {
		List<String> runs = new ArrayList<>();
		LOOPS.forEach((name, setting) -> {
			if (environment.getProperty(setting, Boolean.class, true)) {
				runs.add(name);
			}
		});
		return runs;
	}

	/** One heartbeat at {@code now}: this node's row written, long-gone nodes pruned. */
	public void beat(Instant now) {
		repository.beat(node, runs(), now);
		repository.pruneNodes(now);
	}

	/** One heartbeat now. */
	public void beat() {
		beat(clock.instant());
	}

	private static String hostname() {
		String env = System.getenv("HOSTNAME");
		if (env != null && !env.isBlank()) {
			return env.strip();
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (java.io.IOException ex) {
			return "unknown";
		}
	}

	private static String version(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		if (properties != null && properties.getVersion() != null) {
			return properties.getVersion();
		}
		String manifest = Heartbeats.class.getPackage().getImplementationVersion();
		return manifest != null ? manifest : "development";
	}

}
