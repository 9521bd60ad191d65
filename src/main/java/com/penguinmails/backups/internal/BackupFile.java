package com.penguinmails.backups.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The backup file format, version 1: the ASCII line {@code PMBACKUP1}, then the streaming
 * AEAD ciphertext ({@link BackupCrypto}) of a gzip stream of: the header manifest, each
 * table's binary COPY stream (PostgreSQL's {@code COPY ... (FORMAT binary)}) in chunks,
 * and the trailer manifest. Every part is framed by a 4-byte big-endian length; a table's
 * stream ends with a chunk of length 0. Written and read in one pass: nothing is held in
 * memory beyond a chunk.
 */
final class BackupFile {

	static final byte[] MAGIC = "PMBACKUP1\n".getBytes(StandardCharsets.US_ASCII);

	static final ObjectMapper JSON = new ObjectMapper();

	private static final int CHUNK = 64 * 1024;

	private static final int MAX_MANIFEST = 64 * 1024 * 1024;

	private BackupFile() {
	}

	/** Writes one backup file. */
	static final class Writer implements AutoCloseable {

		private final OutputStream encrypted;

		private final GZIPOutputStream gzip;

		private final DataOutputStream out;

		Writer(OutputStream raw, BackupCrypto crypto) throws IOException {
			raw.write(MAGIC);
			this.encrypted = crypto.encrypting(raw);
			this.gzip = new GZIPOutputStream(encrypted, CHUNK);
			this.out = new DataOutputStream(gzip);
		}

		void manifest(Manifest manifest) throws IOException {
			byte[] json = JSON.writeValueAsBytes(manifest);
			out.writeInt(json.length);
			out.write(json);
		}

		/** A table's stream; closing it ends the table. */
		TableOut table() {
			return new TableOut(out);
		}

		@Override
		public void close() throws IOException {
			out.flush();
			gzip.finish();
			encrypted.close();
		}

	}

	/** One table's COPY stream, chunked, with its SHA-256. */
	static final class TableOut extends OutputStream {

		private final DataOutputStream out;

		private final MessageDigest digest = newDigest();

		private final byte[] buffer = new byte[CHUNK];

		private int filled;

		TableOut(DataOutputStream out) {
			this.out = out;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			digest.update(bytes, offset, length);
			while (length > 0) {
				int n = Math.min(length, buffer.length - filled);
				System.arraycopy(bytes, offset, buffer, filled, n);
				filled += n;
				offset += n;
				length -= n;
				if (filled == buffer.length) {
					flushChunk();
				}
			}
		}

		private void flushChunk() throws IOException {
			if (filled > 0) {
				out.writeInt(filled);
				out.write(buffer, 0, filled);
				filled = 0;
			}
		}

		/** Ends the table: the last chunk, then the zero-length one. */
		@Override
		public void close() throws IOException {
			flushChunk();
			out.writeInt(0);
		}

		String sha256() {
			return HexFormat.of().formatHex(digest.digest());
		}

	}

	/** Reads one backup file, in the order it was written. */
	static final class Reader implements AutoCloseable {

		private final InputStream raw;

		private final DataInputStream in;

		Reader(InputStream raw, BackupCrypto crypto) throws IOException {
			this.raw = raw;
			byte[] magic = raw.readNBytes(MAGIC.length);
			if (!Arrays.equals(magic, MAGIC)) {
				throw new BackupException("Not a PenguinMails backup file (it does not start with PMBACKUP1).");
			}
			try {
				this.in = new DataInputStream(new GZIPInputStream(crypto.decrypting(raw), CHUNK));
			}
			catch (IOException ex) {
				throw undecryptable(ex);
			}
		}

		Manifest manifest() throws IOException {
			int length = readInt();
			if (length < 0 || length > MAX_MANIFEST) {
				throw new BackupException("The backup file is damaged (a manifest of " + length + " bytes).");
			}
			byte[] json = new byte[length];
			in.readFully(json);
			return JSON.readValue(json, Manifest.class);
		}

		/** The next table's stream; it ends at the table's end. */
		TableIn table() {
			return new TableIn(in);
		}

		private int readInt() throws IOException {
			try {
				return in.readInt();
			}
			catch (EOFException ex) {
				throw new BackupException("The backup file is truncated.", ex);
			}
			catch (IOException ex) {
				throw undecryptable(ex);
			}
		}

		@Override
		public void close() throws IOException {
			raw.close();
		}

	}

	/** One table's stream as read, with the SHA-256 of what was read. */
	static final class TableIn extends InputStream {

		private final DataInputStream in;

		private final MessageDigest digest = newDigest();

		private int left;

		private boolean ended;

		TableIn(DataInputStream in) {
			this.in = in;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] bytes, int offset, int length) throws IOException {
			if (ended) {
				return -1;
			}
			if (left == 0) {
				try {
					left = in.readInt();
				}
				catch (IOException ex) {
					throw undecryptable(ex);
				}
				if (left == 0) {
					ended = true;
					return -1;
				}
			}
			int n = in.read(bytes, offset, Math.min(length, left));
			if (n < 0) {
				throw new BackupException("The backup file is truncated.");
			}
			digest.update(bytes, offset, n);
			left -= n;
			return n;
		}

		/** Reads what the consumer left of the table. */
		void drain() throws IOException {
			byte[] skip = new byte[CHUNK];
			while (read(skip, 0, skip.length) >= 0) {
				// discard
			}
		}

		String sha256() {
			return HexFormat.of().formatHex(digest.digest());
		}

	}

	static BackupException undecryptable(IOException ex) {
		if (ex instanceof EOFException) {
			return new BackupException("The backup file is truncated.", ex);
		}
		return new BackupException(
				"Could not decrypt the backup: it was made with another master key, or the file is damaged ("
						+ ex.getMessage() + ").",
				ex);
	}

	static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
