package com.penguinmails.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;

/**
 * The application events published while a test runs, from any thread (Spring's
 * {@code @RecordApplicationEvents} sees only the test's own thread, and some events are
 * published by writer threads). Close it to stop listening; the shared context is left as
 * it was.
 */
public final class PublishedEvents implements ApplicationListener<PayloadApplicationEvent<?>>, AutoCloseable {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final ConfigurableApplicationContext context;

	private PublishedEvents(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static PublishedEvents record(ConfigurableApplicationContext context) {
		PublishedEvents published = new PublishedEvents(context);
		context.addApplicationListener(published);
		return published;
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<?> event) {
		events.add(event.getPayload());
	}

	public <T> Stream<T> stream(Class<T> type) {
		return events.stream().filter(type::isInstance).map(type::cast);
	}

	@Override
	public void close() {
		context.getBean(ApplicationEventMulticaster.class).removeApplicationListener(this);
	}

}
