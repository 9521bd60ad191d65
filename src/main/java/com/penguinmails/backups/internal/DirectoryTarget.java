package com.penguinmails.backups.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Backup files in a local directory (a mounted volume, NFS, ...), readable by the owner
 * only.
 */
public final class DirectoryTarget implements BackupTarget {

	private final Path directory;

	public DirectoryTarget(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
	}

	@Override
	public Path staging(String name) throws IOException {
		Files.createDirectories(directory);
		Path staged = directory.resolve(name + ".part");
		Files.deleteIfExists(staged);
		Files.createFile(staged);
		try {
			Files.setPosixFilePermissions(staged,
					Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the file keeps the default permissions
		}
		return staged;
	}

	@Override
	public String commit(Path staged, String name) throws IOException {
		Path file = directory.resolve(name);
		Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE);
		return file.toString();
	}

	@Override
	public InputStream open(String location) throws IOException {
		return Files.newInputStream(Path.of(location));
	}

	@Override
	public void delete(String location) throws IOException {
		Files.deleteIfExists(Path.of(location));
	}

	@Override
	public List<String> list() throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.map(Path::toString).filter(name -> name.endsWith(BackupNames.SUFFIX)).sorted().toList();
		}
	}

	@Override
	public boolean owns(String location) {
		return !location.startsWith("s3://") && Path.of(location).toAbsolutePath().normalize().startsWith(directory);
	}

	@Override
	public String toString() {
		return directory.toString();
	}

}
