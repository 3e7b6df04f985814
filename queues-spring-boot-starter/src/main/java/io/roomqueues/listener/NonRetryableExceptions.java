package io.roomqueues.listener;

import java.util.List;
import java.util.function.Predicate;

import io.roomqueues.client.MessageConversionException;
import org.springframework.core.convert.ConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;

/**
 * Failures that another attempt cannot fix, so they go straight to the recoverer: conversion, validation and
 * argument resolution failures (a {@code @Header} that does not convert included), as in spring-kafka's default list.
 */
public final class NonRetryableExceptions implements Predicate<Throwable> {

	private static final List<Class<? extends Throwable>> DEFAULTS = List.of(
			org.springframework.messaging.converter.MessageConversionException.class,
			MethodArgumentResolutionException.class, MessageConversionException.class, ConversionException.class,
			ClassCastException.class, NoSuchMethodException.class);

	private final List<Class<? extends Throwable>> types;

	private NonRetryableExceptions(List<Class<? extends Throwable>> types) {
		this.types = types;
	}

	/** {@return the default list} */
	public static NonRetryableExceptions defaults() {
		return new NonRetryableExceptions(DEFAULTS);
	}

	/**
	 * Adds exception types to the list.
	 * @param more the types to add
	 * @return this list and the added types
	 */
	@SafeVarargs
	public final NonRetryableExceptions and(Class<? extends Throwable>... more) {
		List<Class<? extends Throwable>> all = new java.util.ArrayList<>(this.types);
		all.addAll(List.of(more));
		return new NonRetryableExceptions(List.copyOf(all));
	}

	/** Whether the failure, or any of its causes, is of a non-retryable type. */
	@Override
	public boolean test(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			for (Class<? extends Throwable> type : this.types) {
				if (type.isInstance(cause)) {
					return true;
				}
			}
		}
		return false;
	}

}
