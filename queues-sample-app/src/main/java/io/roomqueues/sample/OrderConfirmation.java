package io.roomqueues.sample;

import java.time.Instant;

/**
 * What the order listener sends to {@code order-confirmations} once an order is processed.
 *
 * @param confirmationId a fresh id
 * @param item the item
 * @param quantity the quantity
 * @param confirmedAt when it was processed
 */
public record OrderConfirmation(String confirmationId, String item, int quantity, Instant confirmedAt) {
}
