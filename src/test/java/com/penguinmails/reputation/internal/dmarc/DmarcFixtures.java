package com.penguinmails.reputation.internal.dmarc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report files under {@code src/test/resources/dmarc/} (see its
 * {@code make-fixtures.py}) and small builders of gzip and zip files.
 */
final class DmarcFixtures {

	private DmarcFixtures() {
	}

	static byte[] file(String name) {
		try (InputStream in = DmarcFixtures.class.getResourceAsStream("/dmarc/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no fixture " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The one report read from a file, failing with the reason when it was not read. */
	static AggregateReport only(List<ReportFile> files) {
		assertThat(files).hasSize(1);
		assertThat(files.get(0)).isInstanceOf(ReportFile.Read.class);
		return ((ReportFile.Read) files.get(0)).report();
	}

	/** The reason of the one malformed result. */
	static String reason(List<ReportFile> files) {
		assertThat(files).hasSize(1);
		assertThat(files.get(0)).isInstanceOf(ReportFile.Malformed.class);
		return ((ReportFile.Malformed) files.get(0)).reason();
	}

	static byte[] gzip(byte[] data) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
			gz.write(data);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** A zip of (name, content) pairs; a name ending in "/" is a directory. */
	static byte[] zip(Object... namesAndContents) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			for (int i = 0; i < namesAndContents.length; i += 2) {
				zip.putNextEntry(new ZipEntry((String) namesAndContents[i]));
				zip.write((byte[]) namesAndContents[i + 1]);
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
