/**
 * Run as a child process: a context handed out by SNICallback is applied by Node only after the
 * server's asynchronous OCSPRequest step. Reloads during that step must not close it (closing it
 * would crash the process). Prints one JSON line.
 */
import { once } from 'node:events';
import { connect, createServer, type ConnectionOptions } from 'node:tls';
import { ReloadableSecureContext } from '../../../src/runtime/tls.js';
import { echo, generateIdentity, listenLocally } from '../tls-fixtures.js';

const first = await generateIdentity();
const second = await generateIdentity();
const holder = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
const server = createServer({ SNICallback: holder.SNICallback }, echo);
holder.attach(server);

let liveDuringStep = 0;
let reloadsDuringStep = 0;
server.on('OCSPRequest', (_certificate: Buffer, _issuer: Buffer, callback: (error: Error | null, response: Buffer | null) => void) => {
  void (async () => {
    for (let reload = 0; reload < 3; reload += 1) {
      const result = await holder.reload({ cert: second.cert, key: second.key });
      if (result.ok) reloadsDuringStep += 1;
    }
    liveDuringStep = holder.stats().liveContexts;
    await new Promise((resolve) => setTimeout(resolve, 20));
    callback(null, null);
  })();
});
const port = await listenLocally(server);

// requestOCSP is a documented tls.connect option that @types/node 20 does not declare.
const options: ConnectionOptions & { requestOCSP: boolean } = {
  host: '127.0.0.1',
  port,
  servername: 'localhost',
  requestOCSP: true,
  rejectUnauthorized: false,
};
const socket = connect(options);
await once(socket, 'secureConnect');
const fingerprint = socket.getPeerCertificate().fingerprint256;
socket.write('ping');
const [echoed] = (await once(socket, 'data')) as [Buffer];
socket.destroy();
for (let wait = 0; wait < 100 && holder.stats().liveContexts > 1; wait += 1) {
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const liveAfter = holder.stats().liveContexts;
server.close();
holder.close();
console.log(
  JSON.stringify({
    servedFirst: fingerprint === first.fingerprint256,
    echoed: echoed.toString(),
    reloadsDuringStep,
    liveDuringStep,
    liveAfter,
  }),
);
