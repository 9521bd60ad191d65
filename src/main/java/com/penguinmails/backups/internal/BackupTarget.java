package com.penguinmails.backups.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where backup files go: a directory ({@link DirectoryTarget}) or an S3-compatible bucket
 * ({@link S3Target}). A file is first written to {@link #staging} (a local file), then
 * {@link #commit}ted under its name: a reader never sees half a backup.
 */
public interface BackupTarget {

	/** A local file to write the backup named {@code name} into. */
	Path staging(String name) throws IOException;

	/** Stores the staged file under {@code name}; returns its location. */
	String commit(Path staged, String name) throws IOException;

	/** Reads a stored backup. */
	InputStream open(String location) throws IOException;

	/** Deletes a stored backup; a missing one is not an error. */
	void delete(String location) throws IOException;

	/**
	 * The locations of every stored backup, for the restore command to find one by id.
	 */
	List<String> list() throws IOException;

	/**
	 * Whether {@code location} is one of this target's (a path of its directory, or its
	 * bucket's URL).
	 */
	boolean owns(String location);

}
