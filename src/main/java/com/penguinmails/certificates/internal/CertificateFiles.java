package com.penguinmails.certificates.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.PenguinMailsProperties;

/**
 * The hand-off to a reverse proxy: each issued certificate written as
 * {@code fullchain.pem} (the chain, leaf first) and {@code privkey.pem} (PKCS#8) in a
 * folder named after the host under the files directory, both readable by the app's user
 * only (0600, folder 0700), each replaced atomically so a proxy reloading meanwhile never
 * reads half a file. nginx:
 * {@code ssl_certificate .../fullchain.pem; ssl_certificate_key .../privkey.pem;}; Caddy:
 * {@code tls .../fullchain.pem .../privkey.pem}.
 */
@Component
public class CertificateFiles {

	private final TlsProperties properties;

	private final Path dir;

	CertificateFiles(TlsProperties properties, PenguinMailsProperties app) {
		this.properties = properties;
		this.dir = properties.filesDir() == null || properties.filesDir().isBlank()
				? Path.of(app.dataDir() == null ? "./data" : app.dataDir(), "certs") : Path.of(properties.filesDir());
	}

	/** The directory of one host's files. */
	public Path dir(String host) {
		return dir.resolve(host);
	}

	/** Writes the host's files (when writing files is on). */
	void write(String host, String chainPem, String keyPem) throws IOException {
		if (!properties.writeFiles()) {
			return;
		}
		Path hostDir = dir(host);
		Files.createDirectories(hostDir);
		restrict(hostDir, "rwx------");
		replace(hostDir.resolve("fullchain.pem"), chainPem);
		replace(hostDir.resolve("privkey.pem"), keyPem);
	}

	private static void replace(Path file, String content) throws IOException {
		Path temporary = file.resolveSibling("." + file.getFileName() + ".new");
		Files.deleteIfExists(temporary);
		try {
			Files.createFile(temporary,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(temporary);
		}
		catch (FileAlreadyExistsException ex) {
			// Raced with another writer of this node: overwrite below.
		}
		Files.writeString(temporary, content, StandardCharsets.US_ASCII);
		try {
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void restrict(Path path, String permissions) throws IOException {
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
		}
		catch (UnsupportedOperationException ex) {
			// Not a POSIX file system: its own permissions apply.
		}
	}

}
