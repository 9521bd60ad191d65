package com.penguinmails.tracking.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.penguinmails.shared.WarmUps;

/**
 * The device, client and operating system of a User-Agent, from the application's one
 * Yauaa analyzer. Building the analyzer takes seconds of CPU and holds some 130 MB of
 * heap, so it is built in the background once the application is ready (until then events
 * are kept without their device), or, with preloading off, by the first caller (the
 * others wait for it). It is built here, not as a lazy bean: a bean being built holds the
 * bean factory's lock, and stopping the application (Ctrl-C) would wait for the build to
 * end.
 * <p>
 * Yauaa's parse is thread-safe: a cached agent is answered without a lock, an agent not
 * seen before is matched under the analyzer's lock (under a millisecond each).
 */
@Component
public class UserAgents implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(UserAgents.class);

	/** Longer agents are not real browsers; Yauaa calls them hacking attempts anyway. */
	private static final int MAX_AGENT = 1000;

	private final boolean preload;

	private final Object building = new Object();

	private volatile UserAgentAnalyzer ready;

	private volatile boolean closed;

	private final AtomicBoolean released = new AtomicBoolean();

	UserAgents(TrackingProperties properties) {
		this.preload = properties.preloadUserAgentAnalyzer();
	}

	@EventListener(ApplicationReadyEvent.class)
	void preload() {
		if (preload) {
			// A failed build only loses the device: events are kept without it.
			WarmUps.start("user-agent-analyzer", this::analyzer, log,
					"No User-Agent analyzer: events are kept without their device");
		}
	}

	/** The device of an agent; {@link Device#UNKNOWN} when it cannot be told (yet). */
	public Device analyze(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return Device.UNKNOWN;
		}
		UserAgentAnalyzer analyzer = preload ? ready : analyzer();
		if (analyzer == null) {
			return Device.UNKNOWN;
		}
		UserAgent agent = analyzer
			.parse(userAgent.length() > MAX_AGENT ? userAgent.substring(0, MAX_AGENT) : userAgent);
		return new Device(value(agent, UserAgent.DEVICE_CLASS, 40), value(agent, UserAgent.AGENT_NAME, 80),
				value(agent, UserAgent.OPERATING_SYSTEM_NAME, 80));
	}

	private UserAgentAnalyzer analyzer() {
		UserAgentAnalyzer built = ready;
		if (built != null) {
			return built;
		}
		// Built once; concurrent callers wait for it.
		synchronized (building) {
			if (ready == null) {
				long start = System.nanoTime();
				UserAgentAnalyzer analyzer = build();
				ready = analyzer;
				log.info("User-Agent analyzer ready after {} ms", (System.nanoTime() - start) / 1_000_000);
				if (closed) {
					// Stopped while it was being built.
					destroy();
				}
			}
			return ready;
		}
	}

	/**
	 * Releases the analyzer's caches; a build still running releases its own when done.
	 */
	@Override
	public void destroy() {
		closed = true;
		UserAgentAnalyzer built = ready;
		if (built != null && released.compareAndSet(false, true)) {
			built.destroy();
		}
	}

	private static String value(UserAgent agent, String field, int max) {
		String value = agent.getValue(field);
		return value.length() > max ? value.substring(0, max) : value;
	}

	private static UserAgentAnalyzer build() {
		// Only the fields we keep are matched, and matchers are built at once: off the
		// request path (or once, by the first caller).
		return UserAgentAnalyzer.newBuilder()
			.withField(UserAgent.DEVICE_CLASS)
			.withField(UserAgent.AGENT_NAME)
			.withField(UserAgent.OPERATING_SYSTEM_NAME)
			.withCache(10000)
			.hideMatcherLoadStats()
			.immediateInitialization()
			.build();
	}

}
