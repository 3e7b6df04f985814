// Drives MeshAgent's real JS client (@meshagent/meshagent, pinned to 0.39.9) against our room server.
//
//   node seed-interop.mjs <baseUrl e.g. ws://127.0.0.1:8765> <secret>
//
// Every step prints one line ("ok <step> -> <result>"); the first mismatch prints
// "FAIL <step>: expected X got Y" and exits 1. A global timeout turns a hang into a failure.
// See /work/shared/protocol.md section 12 for the quirks of this client version.

import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';

// The ESM build of 0.39.9 is broken ("exports is not defined in ES module scope"); load the CommonJS build.
const require = createRequire(import.meta.url);
const meshagent = require('@meshagent/meshagent');
const {
	ApiScope,
	ParticipantToken,
	QueuesGrant,
	RoomClient,
	RoomServerException,
	WebSocketClientProtocol,
	websocketRoomUrl,
} = meshagent;

const GLOBAL_TIMEOUT_MS = 30_000;
const STEP_TIMEOUT_MS = 10_000;

const [baseUrl, secret] = process.argv.slice(2);
if (!baseUrl || !secret) {
	console.error('usage: node seed-interop.mjs <baseUrl e.g. ws://127.0.0.1:8765> <secret>');
	process.exit(2);
}

let currentStep = 'startup';
const clients = [];

function fail(step, message) {
	console.log(`FAIL ${step}: ${message}`);
	for (const client of clients) {
		try {
			client.dispose();
		}
		catch {
			// best effort
		}
	}
	process.exit(1);
}

const globalTimer = setTimeout(() => {
	fail(currentStep, `timed out: no INTEROP OK within ${GLOBAL_TIMEOUT_MS / 1000} s (a request never got its __response__?)`);
}, GLOBAL_TIMEOUT_MS);

process.on('unhandledRejection', (reason) => {
	fail(currentStep, `unhandled rejection: ${describeError(reason)}`);
});

function show(value) {
	if (value === undefined) {
		return '(empty)'; // the client resolves EmptyContent responses to undefined
	}
	const json = JSON.stringify(value);
	return (json.length > 160) ? `${json.slice(0, 120)}…(${json.length} chars)` : json;
}

function describeError(error) {
	if (error instanceof Error) {
		const code = (error.code !== undefined) ? ` code=${error.code}` : '';
		return `${error.constructor.name}${code}: ${error.message}`;
	}
	return String(error);
}

function withTimeout(promise, ms, what) {
	let timer;
	const timeout = new Promise((_resolve, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
	});
	return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs one step: awaits fn(), compares its result with `expected` by strict deep equality, prints the line. */
async function step(name, fn, expected, render = show) {
	currentStep = name;
	let actual;
	try {
		actual = await withTimeout(Promise.resolve().then(fn), STEP_TIMEOUT_MS, name);
	}
	catch (error) {
		fail(name, `expected ${render(expected)} got error ${describeError(error)}`);
	}
	if (!isDeepStrictEqual(actual, expected)) {
		fail(name, `expected ${render(expected)} got ${render(actual)}`);
	}
	console.log(`ok ${name} -> ${render(actual)}`);
	return actual;
}

/** Runs a step that must reject; returns the error. */
async function stepRejects(name, fn, check) {
	currentStep = name;
	let error;
	try {
		const value = await withTimeout(Promise.resolve().then(fn), STEP_TIMEOUT_MS, name);
		fail(name, `expected a rejection got ${show(value)}`);
	}
	catch (caught) {
		error = caught;
	}
	const problem = check(error);
	if (problem) {
		fail(name, problem);
	}
	console.log(`ok ${name} -> rejected with ${describeError(error)}`);
	return error;
}

/** Awaits a promise that is not itself a checked step; a rejection or hang fails `name`. */
async function guard(name, promise) {
	currentStep = name;
	try {
		return await withTimeout(promise, STEP_TIMEOUT_MS, name);
	}
	catch (error) {
		fail(name, `expected success got error ${describeError(error)}`);
	}
}

/** Queue objects as the client returns them, reduced to plain {name, size} for comparison. */
function plainQueues(queues) {
	if (!Array.isArray(queues)) {
		return queues;
	}
	return queues.map((q) => ({ name: q.name, size: q.size }));
}

// ---- wire trace: counts the message types each client sends and receives (frame headers only) ----

const trace = { sent: new Map(), received: new Map() };

function count(map, type) {
	map.set(type, (map.get(type) ?? 0) + 1);
}

function frameType(data) {
	const bytes = (data instanceof Uint8Array) ? data : new Uint8Array(data);
	if (bytes.byteLength < 16) {
		return null;
	}
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (view.getUint32(8, false) !== 0) {
		return null; // a data frame, not a header frame
	}
	return new TextDecoder().decode(bytes.subarray(16));
}

function tracingFactory(factory) {
	return () => {
		const protocol = factory();
		const channel = protocol.channel;
		const sendData = channel.sendData.bind(channel);
		channel.sendData = async (data) => {
			const type = frameType(data);
			if (type !== null) {
				count(trace.sent, type);
			}
			return sendData(data);
		};
		const handleMessage = protocol.handleMessage.bind(protocol);
		protocol.handleMessage = async (messageId, type, data) => {
			count(trace.received, type);
			return handleMessage(messageId, type, data);
		};
		return protocol;
	};
}

function traceSummary(map) {
	return [...map.entries()].map(([type, n]) => `${type}×${n}`).join(', ') || '(none)';
}

// ---- tokens and clients ----

async function mintToken(participantName, roomName) {
	const token = new ParticipantToken({ name: participantName });
	token.addRoomGrant(roomName);
	token.addApiGrant(new ApiScope({ queues: new QueuesGrant() }));
	// ParticipantToken.toJwt prefers MESHAGENT_API_KEY over the explicit secret; make sure ours is used.
	delete process.env.MESHAGENT_API_KEY;
	return token.toJwt({ token: secret }); // HS256 over the shared secret (jose SignJWT)
}

function decodeClaims(jwt) {
	return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

async function connect(participantName, roomName) {
	const jwt = await mintToken(participantName, roomName);
	const url = websocketRoomUrl({ roomName, apiUrl: baseUrl });
	const client = new RoomClient({
		protocolFactory: tracingFactory(WebSocketClientProtocol.createFactory({ url, token: jwt })),
		reconnectTimeout: 0,
	});
	clients.push(client);
	await client.start();
	return { client, jwt, url };
}

// ---- the scenario ----

const room = `interop-${randomBytes(6).toString('hex')}`;
console.log(`room ${room} at ${baseUrl}; @meshagent/meshagent ${require('@meshagent/meshagent/package.json').version}`);

currentStep = 'connect alice';
let alice;
try {
	alice = await withTimeout(connect('alice', room), STEP_TIMEOUT_MS, 'RoomClient.start (alice)');
}
catch (error) {
	fail('connect alice', `expected room_ready + connected/init got error ${describeError(error)}`);
}
console.log(`ok connect alice -> room_name=${show(alice.client.roomName)} session_id=${show(alice.client.sessionId)} `
		+ `participant=${show(alice.client.localParticipant?.id)} attributes=${show(alice.client.localParticipant?._attributesSnapshot?.())}`);
console.log(`info token claims ${show(decodeClaims(alice.jwt))}`);
const queues = alice.client.queues;

// a. list -> []
await step('list', async () => plainQueues(await queues.list()), []);

// b. open("q")
await step('open q', () => queues.open('q'), undefined);

// c. send
const hello = { payload: 'Hello World!' };
await step(`send q ${show(hello)}`, () => queues.send('q', hello, { create: true }), undefined);

// d. list shows q with size 1 (the client returns Queue objects; compare on {name,size})
const rawList = await guard('list', queues.list());
const itemClasses = rawList.map((q) => q?.constructor?.name);
await step('list', () => plainQueues(rawList), [{ name: 'q', size: 1 }]);
console.log(`info list() items are ${show(itemClasses)} instances, e.g. ${show(rawList[0])}`);

// e. receive with wait:true returns the message exactly
await step('receive q {create:true,wait:true}', () => queues.receive('q', { create: true, wait: true }), hello);

// f. receive with wait:false on the now-empty queue returns null
await step('receive q {create:true,wait:false}', () => queues.receive('q', { create: true, wait: false }), null);

// g. drain
await step('drain q', () => queues.drain('q'), undefined);

// h. close
await step('close q', () => queues.close('q'), undefined);

// i. list -> [] (our server removes closed queues)
await step('list', async () => plainQueues(await queues.list()), []);

// j. receive on a missing queue with create:false rejects with code 5001
const missing = `missing-${randomBytes(4).toString('hex')}`;
await stepRejects(`receive ${missing} {create:false,wait:false}`,
		() => queues.receive(missing, { create: false, wait: false }),
		(error) => {
			if (!(error instanceof RoomServerException)) {
				return `expected a RoomServerException got ${describeError(error)}`;
			}
			if (!isDeepStrictEqual(error.code, 5001)) {
				return `expected code 5001 got code ${show(error.code)} (${describeError(error)})`;
			}
			return null;
		});

// k. a 5000-character string round-trips (several 1024-byte data frames each way; includes 2-byte UTF-8 chars)
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-é_ü ';
const big = Array.from({ length: 5000 }, (_, i) => alphabet[(i * 7) % alphabet.length]).join('');
if (big.length !== 5000) {
	fail('big message', `test bug: string length ${big.length}`);
}
const bigMessage = { text: big };
await step('send big {text:<5000 chars>}', () => queues.send('big', bigMessage, { create: true }), undefined);
await step('receive big {create:true,wait:true}', async () => {
	const received = await queues.receive('big', { create: true, wait: true });
	return received;
}, bigMessage, (v) => (v && typeof v.text === 'string') ? `{text:<${v.text.length} chars, equal=${v.text === big}>}` : show(v));

// l. a second participant parks receive(wait:true) on "wake"; alice's send wakes it
currentStep = 'connect bob';
let bob;
try {
	bob = await withTimeout(connect('bob', room), STEP_TIMEOUT_MS, 'RoomClient.start (bob)');
}
catch (error) {
	fail('connect bob', `expected room_ready + connected/init got error ${describeError(error)}`);
}
console.log(`ok connect bob -> participant=${show(bob.client.localParticipant?.id)} session_id=${show(bob.client.sessionId)}`);

currentStep = 'park receive wake (bob)';
let parkedSettled = false;
const parked = bob.client.queues.receive('wake', { create: true, wait: true });
parked.then(() => { parkedSettled = true; }, () => { parkedSettled = true; });
// wait until the parked receive (create:true) has made the queue visible to alice, so the send truly comes after it
let seenWake = null;
for (let i = 0; i < 40 && seenWake === null; i++) {
	const list = plainQueues(await guard('list while bob is parked', queues.list()));
	seenWake = list.find((q) => q.name === 'wake') ?? null;
	if (seenWake === null) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}
if (parkedSettled) {
	fail('park receive wake (bob)', `expected the receive to stay parked got it settled before any send: ${show(await parked.catch(describeError))}`);
}
console.log(`ok park receive wake (bob) -> pending; alice's list shows ${show(seenWake)} while parked`);

const wakeMessage = { wake: 'up', n: 42, nested: { ok: true, list: [1, 'two', null] } };
await step(`send wake ${show(wakeMessage)} (alice)`, () => queues.send('wake', wakeMessage, { create: true }), undefined);
await step('parked receive wake resolves (bob)', () => parked, wakeMessage);

// done
currentStep = 'dispose';
console.log(`info client→server message types: ${traceSummary(trace.sent)}`);
console.log(`info server→client message types: ${traceSummary(trace.received)}`);
if (trace.sent.has('set_attributes')) {
	console.log('info the client sent set_attributes');
}
bob.client.dispose();
alice.client.dispose();
clearTimeout(globalTimer);
console.log('INTEROP OK');
process.exit(0);
