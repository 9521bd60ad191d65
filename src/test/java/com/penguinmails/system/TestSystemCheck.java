package com.penguinmails.system;

import java.util.Map;

import org.springframework.stereotype.Component;

import com.penguinmails.shared.SystemCheck;

/**
 * A check only the tests' application has, as another feature would contribute one: it
 * answers ok unless a test makes it throw ({@link #failWith}), to see a broken check
 * shown as unknown rather than breaking the page or the API.
 */
@Component
public class TestSystemCheck implements SystemCheck {

	private volatile RuntimeException failure;

	/** The next runs throw {@code failure}; null: back to ok. */
	public void failWith(RuntimeException failure) {
		this.failure = failure;
	}

	@Override
	public String key() {
		return "tests.contributed";
	}

	@Override
	public String title() {
		return "A feature's own check";
	}

	@Override
	public Result run() {
		RuntimeException thrown = failure;
		if (thrown != null) {
			throw thrown;
		}
		return Result.ok("Contributed by a feature the status page does not know.", Map.of("runs", 1));
	}

}
