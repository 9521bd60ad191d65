package com.penguinmails.backups;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The installation's backups: list them, take one now. Callers check
 * {@code identity.InstallationAdmins} first: backups cover every workspace.
 */
public interface Backups {

	/** The newest backups first, at most {@code limit}. */
	List<Backup> recent(int limit);

	/**
	 * What the next backup will be made with, for people: e.g. "pg_dump 16.4
	 * (/usr/lib/postgresql/16/bin)", or the built-in copy and why (no {@code pg_dump} of
	 * the server's version found, or {@code format} is {@code logical}).
	 */
	String nextFormat();

	/** One backup, if it exists. */
	Optional<Backup> find(UUID id);

	/**
	 * Starts a manual backup on a background thread and returns its id at once (its row
	 * says {@code running} until it is written and verified). When one is running
	 * already, returns that one's id instead.
	 */
	UUID startManual();

	/**
	 * Takes a backup of {@code kind} now, writes it to the target, verifies it when
	 * verification is on and applies retention; returns it as recorded (status
	 * {@code failed} with the error when it failed).
	 */
	Backup takeNow(String kind);

}
