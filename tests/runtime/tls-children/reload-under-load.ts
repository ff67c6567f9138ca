/**
 * Run as a child process (a wrongly closed context would crash it, not the test runner):
 * 200 reloads while clients, with and without SNI, keep connecting. Prints one JSON line.
 */
import { createServer } from 'node:tls';
import { ReloadableSecureContext } from '../../../src/runtime/tls.js';
import { echo, generateIdentity, handshake, listenLocally, roundTrip } from '../tls-fixtures.js';

const RELOADS = 200;
const CLIENT_LOOPS = 4;
const DEADLINE = Date.now() + 40_000;

const identities = [await generateIdentity(), await generateIdentity(), await generateIdentity()];
const known = new Set(identities.map((identity) => identity.fingerprint256));
const [initial] = identities;
if (initial === undefined) throw new Error('no identity');
const holder = ReloadableSecureContext.fromPem({ cert: initial.cert, key: initial.key });
const server = createServer({ SNICallback: holder.SNICallback }, echo);
holder.attach(server);
const port = await listenLocally(server);

let reloading = true;
let handshakes = 0;
let withSni = 0;
let unknownCertificates = 0;
const seenCertificates = new Set<string>();
const failures: string[] = [];

async function clientLoop(index: number): Promise<void> {
  let attempt = 0;
  while ((reloading || attempt < 2) && Date.now() < DEADLINE) {
    attempt += 1;
    const servername = (index + attempt) % 2 === 0 ? 'localhost' : undefined;
    try {
      const { socket, fingerprint256 } = await handshake(port, servername);
      if (!known.has(fingerprint256)) unknownCertificates += 1;
      seenCertificates.add(fingerprint256);
      if ((await roundTrip(socket, 'ping')) !== 'ping') failures.push('echo mismatch');
      socket.destroy();
      handshakes += 1;
      if (servername !== undefined) withSni += 1;
    } catch (error) {
      failures.push((error as Error).message);
    }
  }
}

const clients = Array.from({ length: CLIENT_LOOPS }, (_, index) => clientLoop(index));
let failedReloads = 0;
for (let reload = 1; reload <= RELOADS && Date.now() < DEADLINE; reload += 1) {
  const next = identities[reload % identities.length] ?? initial;
  const result = await holder.reload({ cert: next.cert, key: next.key });
  if (!result.ok) failedReloads += 1;
  // Let handshakes interleave with the reloads, at an irregular pace so that connections do not
  // fall into lockstep with them (each would then always see the same certificate).
  const turns = 1 + Math.floor(Math.random() * 3);
  for (let turn = 0; turn < turns; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}
reloading = false;
await Promise.all(clients);

// Held contexts are released when each handshake's socket closes; give the last closes a moment.
for (let wait = 0; wait < 100 && holder.stats().liveContexts > 1; wait += 1) {
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const stats = holder.stats();
server.close();
holder.close();
console.log(
  JSON.stringify({ handshakes, withSni, distinctCertificates: seenCertificates.size, failedHandshakes: failures.length, failures: failures.slice(0, 5), unknownCertificates, failedReloads, stats }),
);
