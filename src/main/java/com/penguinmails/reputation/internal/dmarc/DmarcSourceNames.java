package com.penguinmails.reputation.internal.dmarc;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import com.penguinmails.domains.HostNames;

/**
 * The reverse DNS names (PTR) of the busiest source IPs of a workspace's reports, looked
 * up after reports are stored (never while a page is drawn): at most {@value #PER_RUN}
 * new ones per run.
 */
@Component
class DmarcSourceNames {

	static final int PER_RUN = 50;

	private final DmarcStore store;

	private final HostNames hosts;

	private final Clock clock;

	DmarcSourceNames(DmarcStore store, HostNames hosts, Clock clock) {
		this.store = store;
		this.hosts = hosts;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(DmarcIngest.SourcesSeen event) {
		lookUp(event.workspaceId());
	}

	void lookUp(UUID workspaceId) {
		List<String> ips = store.sourceIps(workspaceId, 500);
		Map<String, Optional<String>> known = store.names(ips);
		ips.stream()
			.filter(ip -> !known.containsKey(ip))
			.limit(PER_RUN)
			.forEach(ip -> store.saveName(ip, hosts.reverseName(ip).orElse(null), clock.instant()));
	}

}
