/**
 * Run as a child process: shows what the holder must never do. Each mode ends the process with a
 * crash on Node 20; the parent test asserts the signal.
 *   close-default: close the server's default context, then connect (Assertion failed: ssl_).
 *   sni-closed:    hand a closed context out from SNICallback (segmentation fault).
 */
import { createSecureContext, createServer, type SecureContext } from 'node:tls';
import { serverDefaultContext } from '../../../src/runtime/tls-server-default.js';
import { generateIdentity, handshake, listenLocally } from '../tls-fixtures.js';

const mode = process.argv[2];
const identity = await generateIdentity();
const closed: SecureContext = createSecureContext({ cert: identity.cert, key: identity.key });
(closed.context as { close: () => void }).close();

const server = createServer({
  cert: identity.cert,
  key: identity.key,
  SNICallback: (_servername, callback) => {
    callback(null, closed);
  },
});
const port = await listenLocally(server);
if (mode === 'close-default') {
  (serverDefaultContext(server)?.context as { close: () => void }).close();
  console.log('closed the default context; connecting');
  await handshake(port).catch(() => undefined);
} else if (mode === 'sni-closed') {
  console.log('SNICallback returns a closed context; connecting with SNI');
  await handshake(port, 'localhost').catch(() => undefined);
} else {
  throw new Error(`unknown mode ${String(mode)}`);
}
console.log('survived');
server.close();
