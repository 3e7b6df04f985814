package io.roomqueues.server;

import org.junit.jupiter.api.Test;

import static io.roomqueues.server.RoomQueueTests.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The rooms of a server: created on the first join, removed when unused, and never more than the room limit. */
class RoomRegistryTests {

	private final RoomRegistry rooms = new RoomRegistry(ServerLimits.DEFAULTS.toBuilder().maxRooms(2).build());

	@Test
	void participantsOfOneRoomShareIt() {
		Room first = this.rooms.join("a");

		assertThat(this.rooms.join("a")).isSameAs(first);
		assertThat(this.rooms.find("a")).isSameAs(first);
		assertThat(this.rooms.find("b")).isNull();
		assertThat(this.rooms.count()).isEqualTo(1);
	}

	@Test
	void aRoomIsRemovedWhenItsLastParticipantLeavesAndItHoldsNoQueue() {
		Room room = this.rooms.join("a");
		this.rooms.join("a");

		this.rooms.leave(room);
		assertThat(this.rooms.find("a")).as("one participant is still there").isSameAs(room);
		this.rooms.leave(room);

		assertThat(this.rooms.find("a")).isNull();
		assertThat(this.rooms.count()).isZero();
		assertThat(this.rooms.join("a")).as("a fresh room").isNotSameAs(room);
	}

	@Test
	void aRoomThatHoldsAQueueOutlivesItsParticipants() {
		Room room = this.rooms.join("a");
		room.open("q");

		this.rooms.leave(room);

		assertThat(this.rooms.find("a")).isSameAs(room);
		assertThat(this.rooms.join("a")).isSameAs(room);
	}

	@Test
	void theServerHoldsExactlyItsRoomLimitAndStillLetsParticipantsIntoThoseRooms() {
		this.rooms.join("a");
		this.rooms.join("b");

		assertThatExceptionOfType(RoomRegistry.RoomLimitException.class).isThrownBy(() -> this.rooms.join("c"))
			.withMessage("the server holds 2 rooms, the max-rooms limit; room 'c' was not created");
		assertThatExceptionOfType(RoomRegistry.RoomLimitException.class).isThrownBy(() -> this.rooms.checkCanJoin("c"));
		assertThatNoException().isThrownBy(() -> this.rooms.checkCanJoin("a"));
		assertThat(this.rooms.join("a")).isNotNull();
		assertThat(this.rooms.count()).isEqualTo(2);
	}

	@Test
	void theServerBudgetCountsTheMessagesOfEveryRoom() {
		this.rooms.join("a").send("q", true, message(1));
		this.rooms.join("b").send("q", true, message(22));

		assertThat(this.rooms.queuedBytes()).isEqualTo(message(1).budgetBytes() + message(22).budgetBytes());
	}

}
