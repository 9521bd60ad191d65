package com.penguinmails.sandbox;

import java.util.List;
import java.util.Optional;

/** Read access to what the sandbox mail server caught, newest first. */
public interface SandboxMailbox {

	List<SandboxMail> messages();

	Optional<SandboxMail> message(int index);

}
