// Drives MeshAgent's real JS client (@meshagent/meshagent, pinned to 0.39.9) for queues-bench: pipelined
// queues.send and queues.receive against our room server, timed here, one command at a time.
//
//   node bench-meshagent.mjs <baseUrl e.g. ws://127.0.0.1:8765> <secret> <room>
//
// Prints "READY" once connected, then reads one JSON command per line on stdin and prints one line
// "RESULT <json>" per command:
//   {"op":"send","queues":["a","b"],"window":16,"warmup":1,"measure":3}     messages {n, pad}, round-robin
//   {"op":"receive","queues":["a"],"window":16,"warmup":1,"measure":3}     receive(create:false, wait:false)
//   {"op":"quit"}
// Rates count requests completed inside the measured interval; latencies are from the call to its promise
// settling, in µs; cpu is this process's user+system time during the measured interval, in cores.
// Every command is bounded: one that sees no completion for 30 s reports a stall and ends.
// See /work/shared/protocol.md section 12 for the quirks of this client version.

import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';

// The ESM build of 0.39.9 is broken ("exports is not defined in ES module scope"); load the CommonJS build.
const require = createRequire(import.meta.url);
const { ApiScope, ParticipantToken, QueuesGrant, RoomClient, WebSocketClientProtocol, websocketRoomUrl } =
	require('@meshagent/meshagent');

const PAD = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWX'; // as BenchMessage.PAD
const STALL_MS = 30_000;

const [baseUrl, secret, roomName] = process.argv.slice(2);
if (!baseUrl || !secret || !roomName) {
	console.error('usage: node bench-meshagent.mjs <baseUrl> <secret> <room>');
	process.exit(2);
}

function describe(error) {
	return (error instanceof Error) ? `${error.constructor.name}: ${error.message}` : String(error);
}

async function connect() {
	const token = new ParticipantToken({ name: 'bench-js' });
	token.addRoomGrant(roomName);
	token.addApiGrant(new ApiScope({ queues: new QueuesGrant() }));
	delete process.env.MESHAGENT_API_KEY; // toJwt prefers it over the explicit secret
	const jwt = await token.toJwt({ token: secret });
	const url = websocketRoomUrl({ roomName, apiUrl: baseUrl });
	const client = new RoomClient({
		protocolFactory: WebSocketClientProtocol.createFactory({ url, token: jwt }),
		reconnectTimeout: 0,
	});
	await client.start();
	return client;
}

function percentile(sorted, p) {
	if (sorted.length === 0) {
		return null;
	}
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
	return sorted[index] * 1000; // ms -> µs
}

/** Keeps `window` requests in flight; issue(i) resolves true for a success, false when the source ran dry. */
function pipeline(window, warmupSeconds, measureSeconds, issue) {
	const start = performance.now();
	const warmEnd = start + warmupSeconds * 1000;
	const measureEnd = warmEnd + measureSeconds * 1000;
	const latencies = [];
	let inFlight = 0;
	let issued = 0;
	let succeeded = 0;
	let errors = 0;
	let firstError = null;
	let exhaustedAt = 0;
	let cpuStart = null;
	let cpu = null;
	let lastCompletion = start;
	return new Promise((resolve) => {
		const stallTimer = setInterval(() => {
			if (performance.now() - lastCompletion > STALL_MS) {
				errors++;
				firstError = firstError ?? `stall: no completion for ${STALL_MS / 1000} s with ${inFlight} in flight`;
				finish();
			}
		}, 1000);
		let done = false;
		function finish() {
			if (done) {
				return;
			}
			done = true;
			clearInterval(stallTimer);
			const end = (exhaustedAt && exhaustedAt < measureEnd) ? exhaustedAt : measureEnd;
			const seconds = Math.max(0, end - warmEnd) / 1000;
			latencies.sort((a, b) => a - b);
			resolve({
				completed: latencies.length, seconds, rate: seconds > 0 ? latencies.length / seconds : 0,
				p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), p999: percentile(latencies, 0.999),
				issued, succeeded, errors, firstError, lost: inFlight, exhausted: exhaustedAt > 0,
				exhaustedBeforeMeasure: exhaustedAt > 0 && exhaustedAt < warmEnd, cpu,
			});
		}
		function stopCpu(now) {
			if (cpuStart !== null && cpu === null) {
				const used = process.cpuUsage(cpuStart);
				cpu = (used.user + used.system) / 1000 / (now - cpuStart.at);
			}
		}
		function pump() {
			while (!done && inFlight < window) {
				const now = performance.now();
				if (cpuStart === null && now >= warmEnd) {
					cpuStart = { ...process.cpuUsage(), at: now };
				}
				if (now >= measureEnd || exhaustedAt || errors) {
					stopCpu(now);
					if (inFlight === 0) {
						finish();
					}
					return;
				}
				inFlight++;
				const i = issued++;
				const started = now;
				Promise.resolve().then(() => issue(i)).then((ok) => {
					const end = performance.now();
					if (!ok) {
						exhaustedAt = exhaustedAt || end;
					}
					else {
						succeeded++;
						if (end >= warmEnd && end < measureEnd && (!exhaustedAt || end < exhaustedAt)) {
							latencies.push(end - started);
						}
					}
				}, (error) => {
					errors++;
					firstError = firstError ?? describe(error);
				}).finally(() => {
					inFlight--;
					lastCompletion = performance.now();
					pump();
				});
			}
		}
		pump();
	});
}

async function run(client, command) {
	const queues = client.queues;
	const names = command.queues;
	if (command.op === 'send') {
		return pipeline(command.window, command.warmup, command.measure, async (i) => {
			// the options object is required in 0.39.9 (without it: TypeError reading 'create')
			await queues.send(names[i % names.length], { n: i, pad: PAD }, { create: true });
			return true;
		});
	}
	if (command.op === 'receive') {
		const seen = new Set();
		let duplicates = 0;
		const result = await pipeline(command.window, command.warmup, command.measure, async (i) => {
			const message = await queues.receive(names[i % names.length], { create: false, wait: false });
			if (message === null || message === undefined) {
				return false;
			}
			if (typeof message.n !== 'number' || seen.has(message.n)) {
				duplicates++;
			}
			seen.add(message.n);
			return true;
		});
		return { ...result, received: seen.size + duplicates, duplicates };
	}
	throw new Error(`unknown op ${command.op}`);
}

let client;
try {
	client = await connect();
}
catch (error) {
	console.log(`FAILED connect: ${describe(error)}`);
	process.exit(1);
}
const version = require('@meshagent/meshagent/package.json').version;
console.log(`READY @meshagent/meshagent ${version} node ${process.version}`);

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
	if (line.trim() === '') {
		continue;
	}
	const command = JSON.parse(line);
	if (command.op === 'quit') {
		break;
	}
	try {
		console.log(`RESULT ${JSON.stringify({ op: command.op, ...(await run(client, command)) })}`);
	}
	catch (error) {
		console.log(`RESULT ${JSON.stringify({ op: command.op, failed: describe(error) })}`);
	}
}
client.dispose();
process.exit(0);
