package io.roomqueues.sample;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * An order as clients post it and as it travels on the {@code orders} queue.
 *
 * @param item what is ordered
 * @param quantity how many, at least one
 */
public record Order(@NotBlank String item, @Min(1) int quantity) {
}
