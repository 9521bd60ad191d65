package com.penguinmails.backups.internal;

/** A backup or restore that could not be done, with a message for people. */
public class BackupException extends RuntimeException {

	public BackupException(String message) {
		super(message);
	}

	public BackupException(String message, Throwable cause) {
		super(message, cause);
	}

}
