package io.roomqueues.token;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The {@code api.queues} grant of a participant token: which queues it may send to and receive from, and whether it
 * may list them. A {@code null} list allows every queue, as in MeshAgent's {@code QueuesGrant}.
 *
 * @param send queues the participant may send to, or {@code null} for all
 * @param receive queues the participant may receive from, or {@code null} for all
 * @param list whether the participant may list the room's queues
 */
public record QueuesGrant(@Nullable List<String> send, @Nullable List<String> receive, boolean list) {

	/** Every queue, every operation. */
	public static final QueuesGrant ALL = new QueuesGrant(null, null, true);

	public QueuesGrant {
		send = (send != null) ? List.copyOf(send) : null;
		receive = (receive != null) ? List.copyOf(receive) : null;
	}

	/** Whether the participant may send to the named queue. */
	public boolean canSend(String queue) {
		return this.send == null || this.send.contains(queue);
	}

	/** Whether the participant may receive from the named queue. */
	public boolean canReceive(String queue) {
		return this.receive == null || this.receive.contains(queue);
	}

}
