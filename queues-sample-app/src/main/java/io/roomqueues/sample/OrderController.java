package io.roomqueues.sample;

import java.util.List;
import java.util.Map;

import io.roomqueues.client.Queue;
import io.roomqueues.client.QueuesClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Takes orders over HTTP and puts them on the {@code orders} queue; shows the room's queues, recent confirmations and
 * shipments.
 */
@RestController
class OrderController {

	private final QueuesClient queues;

	private final ConfirmationLog confirmations;

	private final ShipmentLog shipments;

	OrderController(QueuesClient queues, ConfirmationLog confirmations, ShipmentLog shipments) {
		this.queues = queues;
		this.confirmations = confirmations;
		this.shipments = shipments;
	}

	/** Queues an order; validation happens in the listener, so an invalid order ends on {@code orders.dlq}. */
	@PostMapping("/orders")
	ResponseEntity<Map<String, Object>> post(@RequestBody Order order) {
		this.queues.send(OrderListener.ORDERS, order).join();
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("queued", order));
	}

	@GetMapping("/orders/confirmations")
	List<OrderConfirmation> confirmations() {
		return this.confirmations.recent();
	}

	@GetMapping("/orders/shipments")
	List<ShipmentLog.Shipment> shipments() {
		return this.shipments.recent();
	}

	@GetMapping("/queues")
	List<Queue> queues() {
		return this.queues.list().join();
	}

}
