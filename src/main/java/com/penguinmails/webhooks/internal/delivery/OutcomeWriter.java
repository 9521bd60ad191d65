package com.penguinmails.webhooks.internal.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the senders' outcomes (attempt logged, delivery moved) many per transaction: one
 * durable commit for up to {@value #MAX_BATCH} outcomes instead of one each, which is
 * what lets a node keep up with a thousand deliveries a second. When a batch fails, each
 * of its writes is tried again in a transaction of its own, so one bad write loses no
 * other.
 */
@Component
class OutcomeWriter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);

	static final int MAX_BATCH = 500;

	private record Pending(Runnable write, CompletableFuture<Void> done) {
	}

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private final TransactionTemplate transactions;

	private final Thread thread;

	private volatile boolean running = true;

	OutcomeWriter(TransactionTemplate transactions) {
		this.transactions = transactions;
		this.thread = new Thread(this::loop, "webhook-outcome-writer");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/** Queues a write; the future is done once it is committed. */
	CompletableFuture<Void> submit(Runnable write) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		queue.add(new Pending(write, done));
		return done;
	}

	private void loop() {
		List<Pending> batch = new ArrayList<>();
		while (running) {
			try {
				batch.add(queue.take());
				queue.drainTo(batch, MAX_BATCH - 1);
				write(batch);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Pending> batch) {
		try {
			transactions.executeWithoutResult(status -> batch.forEach(p -> p.write().run()));
			batch.forEach(p -> p.done().complete(null));
		}
		catch (RuntimeException batchFailed) {
			for (Pending pending : batch) {
				try {
					transactions.executeWithoutResult(status -> pending.write().run());
					pending.done().complete(null);
				}
				catch (RuntimeException ex) {
					log.warn("Could not record a webhook outcome: {}", ex.toString());
					pending.done().completeExceptionally(ex);
				}
			}
		}
	}

	@Override
	public void destroy() {
		running = false;
		thread.interrupt();
	}

}
