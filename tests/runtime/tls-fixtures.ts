/** Certificates generated in-test and real TLS clients on 127.0.0.1, shared by the TLS tests. */
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { connect, type Server, type TLSSocket } from 'node:tls';
import { generate } from 'selfsigned';

export interface Identity {
  cert: string;
  key: string;
  publicKey: string;
  fingerprint256: string;
}

/**
 * An EC P-256 self-signed certificate for localhost and 127.0.0.1 (EC: ~6 ms, RSA: ~125 ms).
 * Pass `keyOf` to renew a certificate with the same key pair.
 */
export async function generateIdentity(commonName = 'localhost', keyOf?: Identity): Promise<Identity> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
    ...(keyOf === undefined ? {} : { keyPair: { privateKey: keyOf.key, publicKey: keyOf.publicKey } }),
  });
  return {
    cert: pems.cert,
    key: pems.private,
    publicKey: pems.public,
    fingerprint256: new X509Certificate(pems.cert).fingerprint256,
  };
}

const openConnections = new WeakMap<Server, Set<Socket>>();

/** Listens on an ephemeral port of 127.0.0.1 (never any other address); returns the port. */
export async function listenLocally(server: Server): Promise<number> {
  const connections = new Set<Socket>();
  openConnections.set(server, connections);
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

export interface Handshake {
  socket: TLSSocket;
  fingerprint256: string;
}

/**
 * A real TLS handshake with 127.0.0.1. `servername` sends SNI; without it none is sent (Node sends
 * no SNI for an IP address). The certificate is not verified: the tests compare fingerprints.
 */
export function handshake(port: number, servername?: string, timeoutMs = 5000): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      rejectUnauthorized: false,
      ...(servername === undefined ? {} : { servername }),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`handshake with 127.0.0.1:${String(port)} timed out`));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      resolve({ socket, fingerprint256: socket.getPeerCertificate().fingerprint256 });
    });
    socket.once('error', (error: Error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Fingerprint of one handshake, with the connection closed afterwards. */
export async function fingerprintOf(port: number, servername?: string): Promise<string> {
  const { socket, fingerprint256 } = await handshake(port, servername);
  socket.destroy();
  return fingerprint256;
}

/** Echo: each server-side TLS socket writes back what it reads. */
export function echo(socket: TLSSocket): void {
  socket.on('data', (chunk: Buffer) => {
    socket.write(chunk);
  });
  socket.on('error', () => {
    // a client going away mid-test is not the server's problem
  });
}

/** Sends `text` and waits for it to come back (bounded). */
export async function roundTrip(socket: TLSSocket, text: string, timeoutMs = 5000): Promise<string> {
  const received = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('no echo'));
    }, timeoutMs);
    socket.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve(chunk.toString());
    });
  });
  socket.write(text);
  return received;
}

/** Closes the server and the connections it still has, and waits for 'close'. */
export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  server.close();
  for (const socket of openConnections.get(server) ?? []) socket.destroy();
  await once(server, 'close');
}
