/**
 * The Node facts ReloadableSecureContext rests on. If a Node release changes one, a test here fails
 * and src/runtime/tls-server-default.ts (the one internal touch) must be revisited.
 */
import { createSecureContext, createServer } from 'node:tls';
import { beforeAll, describe, expect, it } from 'vitest';
import { serverDefaultContext, setServerDefaultContext } from '../../src/runtime/tls-server-default.js';
import { closeServer, fingerprintOf, generateIdentity, handshake, listenLocally, type Identity } from './tls-fixtures.js';

let identity: Identity;
beforeAll(async () => {
  identity = await generateIdentity();
});

describe('tls.Server#_sharedCreds (Node 20)', () => {
  it('createServer({ secureContext }) does not make that context the default: clients without SNI get no certificate', async () => {
    const secureContext = createSecureContext({ cert: identity.cert, key: identity.key });
    const server = createServer({ secureContext });
    server.on('tlsClientError', () => {
      // the failing handshake is the point of this test
    });
    const port = await listenLocally(server);
    try {
      expect(serverDefaultContext(server)).not.toBe(secureContext);
      await expect(handshake(port)).rejects.toThrow();
    } finally {
      await closeServer(server);
    }
  });

  it('setServerDefaultContext serves the context to clients with and without SNI', async () => {
    const server = createServer({});
    const port = await listenLocally(server);
    try {
      const secureContext = createSecureContext({ cert: identity.cert, key: identity.key });
      setServerDefaultContext(server, secureContext);
      expect(serverDefaultContext(server)).toBe(secureContext);
      expect(await fingerprintOf(port)).toBe(identity.fingerprint256);
      expect(await fingerprintOf(port, 'localhost')).toBe(identity.fingerprint256);
    } finally {
      await closeServer(server);
    }
  });

  it('server.setSecureContext() assigns a new _sharedCreds and leaves the old native context open', () => {
    const server = createServer({ cert: identity.cert, key: identity.key });
    const before = serverDefaultContext(server);
    server.setSecureContext({ cert: identity.cert, key: identity.key });
    const after = serverDefaultContext(server);
    expect(after).not.toBe(before);
    // Still open: it answers a call that needs the native SSL_CTX.
    const native = before?.context as { getCertificate: () => unknown };
    expect(native.getCertificate()).not.toBeNull();
  });

  it('refuses an object that is not a TLS server, with a clear error', () => {
    const notAServer = {} as Parameters<typeof setServerDefaultContext>[0];
    expect(() => {
      setServerDefaultContext(notAServer, createSecureContext());
    }).toThrow(
      'This Node version has no tls.Server#_sharedCreds; ReloadableSecureContext cannot set the default context of the server',
    );
  });
});
