package com.penguinmails.reputation.internal.dmarc;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that draws every byte it reads from a shared {@link Budget} and fails
 * with {@link TooLarge} once the budget is spent; decompressed data goes through one so a
 * zip bomb stops at the bound instead of filling memory or burning the CPU.
 */
final class BoundedInput extends FilterInputStream {

	private final Budget budget;

	BoundedInput(InputStream in, Budget budget) {
		super(in);
		this.budget = budget;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			this.budget.spend(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			this.budget.spend(n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		// Skipped bytes are decompressed too: count them by reading.
		long skipped = 0;
		byte[] scratch = new byte[8192];
		while (skipped < n) {
			int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
			if (read < 0) {
				break;
			}
			skipped += read;
		}
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	@Override
	public void close() {
		// The caller closes the underlying stream (a zip's entries share it).
	}

	/** Reads and discards the rest, within the budget. */
	void drain() throws IOException {
		skip(Long.MAX_VALUE);
	}

	/** How many bytes one file may still decompress to. */
	static final class Budget {

		private final long limit;

		private long spent;

		Budget(long limit) {
			this.limit = limit;
		}

		void spend(long bytes) throws TooLarge {
			this.spent += bytes;
			if (this.spent > this.limit) {
				throw new TooLarge("larger than " + ReportLimits.describe(this.limit) + " uncompressed");
			}
		}

	}

	/** A bound was passed; the message is the reason for the page. */
	static final class TooLarge extends IOException {

		TooLarge(String reason) {
			super(reason);
		}

	}

}
