package com.penguinmails.contacts.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.penguinmails.contacts.internal.ContactStage.Counts;

/**
 * Batches being merged while the next is read: {@link #FLUSHERS} at once, each on its own
 * connection (with its own staging table). A batch holding an address of a batch still in
 * flight waits for it, so a contact repeated in the file is merged in file order.
 */
final class ImportPipeline implements AutoCloseable {

	/** Batches merged at once, each on its own connection. */
	static final int FLUSHERS = 2;

	private record InFlight(Set<String> emails, Future<Counts> counts) {
	}

	private final UUID workspaceId;

	private final CsvContactImporter.Settings settings;

	private final List<Connection> opened = new ArrayList<>();

	private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>();

	private final ExecutorService flushers;

	private final Deque<InFlight> pending = new ArrayDeque<>();

	private Counts totals = Counts.NONE;

	private final boolean anyErased;

	ImportPipeline(DataSource dataSource, UUID workspaceId, CsvContactImporter.Settings settings) throws SQLException {
		this.workspaceId = workspaceId;
		this.settings = settings;
		this.flushers = Executors.newFixedThreadPool(FLUSHERS, r -> {
			Thread thread = new Thread(r, "contact-import-flush");
			thread.setDaemon(true);
			return thread;
		});
		try {
			for (int i = 0; i < FLUSHERS; i++) {
				Connection connection = dataSource.getConnection();
				opened.add(connection);
				connection.setAutoCommit(true);
				ContactStage.create(connection);
				idle.add(connection);
			}
			this.anyErased = ContactStage.anyErased(opened.get(0), workspaceId);
		}
		catch (SQLException ex) {
			close();
			throw ex;
		}
	}

	/** Whether a batch in flight holds this (lower-case) address. */
	boolean inFlight(String email) {
		for (InFlight batch : pending) {
			if (batch.emails().contains(email)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Sends a batch to be merged, once a flusher is free (and, when
	 * {@code afterInFlight}, once every batch in flight is merged).
	 */
	void submit(String rows, Set<String> emails, boolean afterInFlight) throws SQLException, IOException {
		while (!pending.isEmpty() && (afterInFlight || pending.size() >= FLUSHERS)) {
			totals = totals.plus(await(pending.removeFirst().counts()));
		}
		int count = emails.size();
		pending.add(new InFlight(emails, flushers.submit(() -> {
			Connection connection = idle.take();
			try {
				return ContactStage.flush(connection, workspaceId, rows, count, settings, anyErased);
			}
			finally {
				idle.add(connection);
			}
		})));
	}

	/** The counts of the batches merged so far. */
	Counts totals() {
		return totals;
	}

	/** Waits for every batch in flight; the counts of the whole file. */
	Counts finish() throws SQLException, IOException {
		while (!pending.isEmpty()) {
			totals = totals.plus(await(pending.removeFirst().counts()));
		}
		return totals;
	}

	@Override
	public void close() {
		// No flush may still use a connection when it closes.
		flushers.shutdownNow();
		try {
			flushers.awaitTermination(1, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		for (Connection connection : opened) {
			try {
				ContactStage.drop(connection);
			}
			catch (SQLException ex) {
				// The connection goes back to the pool anyway; its temp table
				// is truncated at the next import.
			}
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// Nothing more to do with it.
			}
		}
	}

	private static Counts await(Future<Counts> flush) throws SQLException, IOException {
		try {
			return flush.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("The import was interrupted", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof SQLException sql) {
				throw sql;
			}
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

}
