package com.penguinmails.shared;

import org.slf4j.Logger;

/**
 * Work that would slow a start down if it ran before readiness (building a large
 * analyzer, reading and checking shipped files), run once on a daemon thread of its own
 * after the application is ready. Whoever needs the result before the thread is done
 * builds it on first use or waits for it; a failure is logged, never fatal.
 */
public final class WarmUps {

	private WarmUps() {
	}

	/**
	 * Starts {@code work} on a daemon thread named {@code name}, which never keeps the
	 * JVM from stopping.
	 * @param log where a failure goes, as a warning with {@code failure} as its message
	 * @param failure what a failure means to the user, e.g. "events are kept without
	 * their device"
	 * @return the thread, started
	 */
	public static Thread start(String name, Runnable work, Logger log, String failure) {
		Thread thread = new Thread(() -> {
			try {
				work.run();
			}
			catch (RuntimeException ex) {
				log.warn(failure, ex);
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

}
