package com.penguinmails.domains;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.penguinmails.domains.internal.DomainStore;
import com.penguinmails.domains.internal.DomainStore.DueDomain;
import com.penguinmails.domains.internal.DomainsProperties;

/**
 * Verifies every domain again on a schedule (default every 6 hours). Each node claims due
 * domains with {@code SKIP LOCKED} and a lease, so several nodes share the work and a
 * node that dies only delays its batch; at most {@code verify-concurrency} domains are
 * checked at once.
 */
@Component
class DomainRechecker implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DomainRechecker.class);

	static final Duration LEASE = Duration.ofMinutes(10);

	static final int BATCH = 500;

	private final Domains domains;

	private final DomainStore store;

	private final ExecutorService workers;

	private final int concurrency;

	DomainRechecker(Domains domains, DomainStore store, DomainsProperties properties) {
		this.domains = domains;
		this.store = store;
		this.concurrency = Math.max(1, properties.verifyConcurrency());
		this.workers = Executors.newFixedThreadPool(concurrency, r -> {
			Thread thread = new Thread(r, "domain-verify");
			thread.setDaemon(true);
			return thread;
		});
	}

	@Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1M")
	void tick() {
		int checked;
		do {
			checked = verifyDue(BATCH, true);
		}
		while (checked == BATCH);
	}

	/**
	 * Claims up to {@code limit} due domains and verifies them (and, with
	 * {@code withBlocklists}, looks them up in the blocklists); returns how many.
	 */
	int verifyDue(int limit, boolean withBlocklists) {
		List<DueDomain> due = store.claimDue(limit, LEASE);
		List<Future<?>> running = new ArrayList<>(due.size());
		for (DueDomain domain : due) {
			running.add(workers.submit(() -> {
				domains.verifyInWorkspace(domain.workspaceId(), domain.id());
				if (withBlocklists) {
					domains.checkBlocklistsInWorkspace(domain.workspaceId(), domain.id());
				}
			}));
		}
		for (int i = 0; i < running.size(); i++) {
			try {
				running.get(i).get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return i;
			}
			catch (Exception ex) {
				// One domain's failure must not stop the others; its lease runs out and
				// it is retried.
				log.warn("Re-verification of domain {} failed: {}", due.get(i).id(), ex.getMessage());
			}
		}
		return due.size();
	}

	int concurrency() {
		return concurrency;
	}

	@Override
	public void destroy() {
		workers.shutdownNow();
	}

}
