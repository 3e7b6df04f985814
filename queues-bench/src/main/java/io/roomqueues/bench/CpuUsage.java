package io.roomqueues.bench;

/** Cores used by the client, the server and the rest of the machine between a start and a stop. */
final class CpuUsage {

	private final ServerProcess server;

	private long wallStart;

	private long clientCpuStart;

	private long serverCpuStart;

	private long machineBusyStart;

	double clientCores;

	double serverCores;

	double otherCores;

	CpuUsage(ServerProcess server) {
		this.server = server;
	}

	void start(long now) {
		this.wallStart = now;
		this.clientCpuStart = Machine.clientCpuNanos();
		this.serverCpuStart = this.server.cpuNanos();
		this.machineBusyStart = Machine.busyNanos();
	}

	/** Works out the cores used since {@link #start}; does nothing once they are known. */
	void stop(long now) {
		if (this.clientCores != 0) {
			return;
		}
		double wall = now - this.wallStart;
		this.clientCores = (Machine.clientCpuNanos() - this.clientCpuStart) / wall;
		this.serverCores = (this.server.cpuNanos() - this.serverCpuStart) / wall;
		double machine = (Machine.busyNanos() - this.machineBusyStart) / wall;
		this.otherCores = Math.max(0, machine - this.clientCores - this.serverCores);
	}

}
