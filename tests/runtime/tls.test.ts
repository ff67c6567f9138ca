import { once } from 'node:events';
import { mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { connect as connectHttp2, createSecureServer } from 'node:http2';
import { createServer as createHttpsServer, get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CertificateLoadError,
  ReloadableSecureContext,
  type ReloadFailedEvent,
  type ReloadedEvent,
} from '../../src/runtime/tls.js';
import {
  closeServer,
  echo,
  fingerprintOf,
  generateIdentity,
  handshake,
  listenLocally,
  roundTrip,
  type Identity,
} from './tls-fixtures.js';

let first: Identity;
let second: Identity;
/** `first`'s key with a new certificate: a renewal that keeps the key. */
let renewed: Identity;
let workDir: string;

beforeAll(async () => {
  first = await generateIdentity();
  second = await generateIdentity();
  renewed = await generateIdentity('localhost', first);
  workDir = await mkdtemp(join(tmpdir(), 'resource-leak-tls-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function writePair(directory: string, identity: Identity): Promise<{ cert: string; key: string }> {
  const cert = join(directory, 'cert.pem');
  const key = join(directory, 'key.pem');
  await writeFile(cert, identity.cert);
  await writeFile(key, identity.key);
  return { cert, key };
}

let directoryCount = 0;
async function freshDirectory(): Promise<string> {
  directoryCount += 1;
  const directory = join(workDir, `case-${String(directoryCount)}`);
  await rm(directory, { recursive: true, force: true });
  const { mkdir } = await import('node:fs/promises');
  await mkdir(directory);
  return directory;
}

/** Records the server-side view of each handshake: did the client send a server name? */
function serverNames(server: ReturnType<typeof createServer>): (string | false)[] {
  const seen: (string | false)[] = [];
  server.on('secureConnection', (socket: TLSSocket) => {
    seen.push((socket as TLSSocket & { servername: string | false }).servername);
    echo(socket);
  });
  return seen;
}

/** A handshake plus one echoed message, so the server has finished its side too. */
async function echoedFingerprint(port: number, servername?: string): Promise<string> {
  const { socket, fingerprint256 } = await handshake(port, servername);
  expect(await roundTrip(socket, 'hello')).toBe('hello');
  socket.destroy();
  return fingerprint256;
}

function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = (): void => {
      if (condition()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error(`condition not met within ${String(timeoutMs)} ms`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('ReloadableSecureContext on a tls.Server', () => {
  it('serves clients with and without SNI, and new connections get the new certificate after reload', async () => {
    const holder = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
    const server = createServer({});
    const seen = serverNames(server);
    holder.attach(server);
    const port = await listenLocally(server);
    try {
      expect(await echoedFingerprint(port)).toBe(first.fingerprint256);
      expect(await echoedFingerprint(port, 'localhost')).toBe(first.fingerprint256);
      const result = await holder.reload({ cert: second.cert, key: second.key });
      expect(result).toEqual({ ok: true, generation: 2, fingerprint256: second.fingerprint256, trigger: 'reload' });
      expect(await echoedFingerprint(port)).toBe(second.fingerprint256);
      expect(await echoedFingerprint(port, 'localhost')).toBe(second.fingerprint256);
      expect(seen).toEqual([false, 'localhost', false, 'localhost']);
      expect(holder.stats()).toEqual({
        generation: 2,
        reloads: 1,
        failures: 0,
        liveContexts: 1,
        servers: 1,
        watching: false,
        closed: false,
      });
    } finally {
      await closeServer(server);
      holder.close();
    }
  });

  it('a connection opened before a reload keeps working after it', async () => {
    const holder = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
    const server = createServer({}, echo);
    holder.attach(server);
    const port = await listenLocally(server);
    try {
      const before = await handshake(port);
      expect(await roundTrip(before.socket, 'ping 1')).toBe('ping 1');
      await holder.reload({ cert: second.cert, key: second.key });
      await holder.reload({ cert: first.cert, key: first.key });
      expect(holder.stats().liveContexts).toBe(1);
      expect(await roundTrip(before.socket, 'ping 2')).toBe('ping 2');
      expect(before.socket.getPeerCertificate().fingerprint256).toBe(first.fingerprint256);
      before.socket.destroy();
    } finally {
      await closeServer(server);
      holder.close();
    }
  });

  it('with holder.SNICallback, SNI clients get the holder context, held until their handshake ends', async () => {
    const holder = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
    const server = createServer({ SNICallback: holder.SNICallback }, echo);
    holder.attach(server);
    const port = await listenLocally(server);
    try {
      const sni = await handshake(port, 'localhost');
      expect(sni.fingerprint256).toBe(first.fingerprint256);
      await holder.reload({ cert: second.cert, key: second.key });
      expect(await fingerprintOf(port, 'localhost')).toBe(second.fingerprint256);
      expect(await fingerprintOf(port)).toBe(second.fingerprint256);
      expect(await roundTrip(sni.socket, 'still here')).toBe('still here');
      sni.socket.destroy();
      await waitFor(() => holder.stats().liveContexts === 1, 2000);
    } finally {
      await closeServer(server);
      holder.close();
    }
  });

  it('ReloadableSecureContext.sniCallback picks a holder per server name, asynchronously', async () => {
    const alpha = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
    const beta = ReloadableSecureContext.fromPem({ cert: second.cert, key: second.key });
    const server = createServer({
      SNICallback: ReloadableSecureContext.sniCallback(async (servername) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return servername === 'beta.localhost' ? beta : undefined;
      }),
    });
    alpha.attach(server);
    const port = await listenLocally(server);
    try {
      expect(await fingerprintOf(port, 'beta.localhost')).toBe(second.fingerprint256);
      expect(await fingerprintOf(port, 'alpha.localhost')).toBe(first.fingerprint256);
      expect(await fingerprintOf(port)).toBe(first.fingerprint256);
    } finally {
      await closeServer(server);
      alpha.close();
      beta.close();
    }
  });

  it('an SNI step that picks a closed holder fails that handshake only', async () => {
    const closed = ReloadableSecureContext.fromPem({ cert: second.cert, key: second.key });
    closed.close();
    const holder = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
    const server = createServer({
      SNICallback: ReloadableSecureContext.sniCallback((servername) =>
        Promise.resolve(servername === 'gone.localhost' ? closed : undefined),
      ),
    });
    const clientErrors: Error[] = [];
    server.on('tlsClientError', (error) => clientErrors.push(error));
    holder.attach(server);
    const port = await listenLocally(server);
    try {
      await expect(handshake(port, 'gone.localhost')).rejects.toThrow();
      await waitFor(() => clientErrors.length > 0, 2000);
      expect(clientErrors[0]?.message).toBe('ReloadableSecureContext is closed');
      expect(await fingerprintOf(port, 'localhost')).toBe(first.fingerprint256);
    } finally {
      await closeServer(server);
      holder.close();
    }
  });

  it('its contexts show up in a leak census until they are closed', async () => {
    const { ResourceLeakDetector } = await import('../../src/runtime/index.js');
    using census = ResourceLeakDetector.trackLive();
    const holder = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
    await holder.reload({ cert: second.cert, key: second.key });
    expect(census.live().map((resource) => resource.resourceName)).toEqual(['HeldSecureContext(generation 2)']);
    holder.close();
    census.assertNoneLive();
  });

  it('reload() without material rebuilds what fromPem last loaded', async () => {
    const holder = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
    await holder.reload({ cert: second.cert, key: second.key });
    await expect(holder.reload()).resolves.toMatchObject({ ok: true, generation: 3, fingerprint256: second.fingerprint256 });
    holder.close();
  });

  it('a lease keeps its context open across reloads until it is released', async () => {
    const holder = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
    const lease = holder.lease();
    await holder.reload({ cert: second.cert, key: second.key });
    expect(holder.stats().liveContexts).toBe(2);
    expect(lease.fingerprint256).toBe(first.fingerprint256);
    expect(lease.generation).toBe(1);
    expect(lease.release()).toBe(true);
    expect(holder.stats().liveContexts).toBe(1);
    holder.close();
    expect(holder.stats().liveContexts).toBe(0);
  });

  it('close() keeps the context of a listening server until that server closes', async () => {
    const holder = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
    const server = createServer({});
    holder.attach(server);
    const port = await listenLocally(server);
    holder.close();
    expect(holder.stats()).toMatchObject({ closed: true, liveContexts: 1, servers: 0 });
    expect(await fingerprintOf(port)).toBe(first.fingerprint256);
    await closeServer(server);
    expect(holder.stats().liveContexts).toBe(0);
    await expect(holder.reload()).resolves.toMatchObject({ ok: false, reason: 'the holder was closed during the reload' });
    expect(() => holder.attach(server)).toThrow('ReloadableSecureContext.attach() after close()');
  });
});

describe('ReloadableSecureContext on https and http2 servers', () => {
  it('attaches to an https.Server', async () => {
    const holder = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
    const server = createHttpsServer({}, (_request, response) => {
      response.end('ok');
    });
    holder.attach(server);
    const port = await listenLocally(server);
    const fetchFingerprint = (): Promise<string> =>
      new Promise((resolve, reject) => {
        const request = httpsGet({ host: '127.0.0.1', port, rejectUnauthorized: false, agent: false }, (response) => {
          const fingerprint = (response.socket as TLSSocket).getPeerCertificate().fingerprint256;
          response.resume();
          response.on('end', () => {
            resolve(fingerprint);
          });
        });
        request.on('error', reject);
      });
    try {
      expect(await fetchFingerprint()).toBe(first.fingerprint256);
      await holder.reload({ cert: second.cert, key: second.key });
      expect(await fetchFingerprint()).toBe(second.fingerprint256);
    } finally {
      await closeServer(server);
      holder.close();
    }
  });

  it('attaches to an http2 secure server', async () => {
    const holder = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
    const server = createSecureServer({});
    server.on('stream', (stream) => {
      stream.respond({ ':status': 200 });
      stream.end('ok');
    });
    holder.attach(server);
    const port = await listenLocally(server);
    const sessionFingerprint = async (): Promise<string> => {
      const session = connectHttp2(`https://127.0.0.1:${String(port)}`, { rejectUnauthorized: false });
      try {
        await once(session, 'connect');
        return (session.socket as TLSSocket).getPeerCertificate().fingerprint256;
      } finally {
        session.destroy();
      }
    };
    try {
      expect(await sessionFingerprint()).toBe(first.fingerprint256);
      await holder.reload({ cert: second.cert, key: second.key });
      expect(await sessionFingerprint()).toBe(second.fingerprint256);
    } finally {
      await closeServer(server);
      holder.close();
    }
  });
});

describe('reload from bad files keeps serving the old certificate and reports why', () => {
  async function servedFromFiles(): Promise<{
    holder: ReloadableSecureContext;
    files: { cert: string; key: string };
    port: number;
    failures: ReloadFailedEvent[];
    stop: () => Promise<void>;
  }> {
    const files = await writePair(await freshDirectory(), first);
    const holder = await ReloadableSecureContext.fromFiles(files);
    const failures: ReloadFailedEvent[] = [];
    holder.on('reloadError', (event) => failures.push(event));
    const server = createServer({});
    holder.attach(server);
    const port = await listenLocally(server);
    return {
      holder,
      files,
      port,
      failures,
      stop: async () => {
        await closeServer(server);
        holder.close();
      },
    };
  }

  it('a corrupt key', async () => {
    const served = await servedFromFiles();
    try {
      await writeFile(served.files.key, '-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n');
      const result = await served.holder.reload();
      expect(result.ok).toBe(false);
      expect(served.failures).toHaveLength(1);
      const failure = served.failures[0];
      expect(failure?.error).toBeInstanceOf(CertificateLoadError);
      expect(failure?.error.reason).toBe('invalid-key');
      expect(failure?.error.file).toBe(served.files.key);
      expect(failure?.reason).toMatch(new RegExp(`^the private key \\(${served.files.key}\\) could not be parsed: `));
      expect(failure?.generation).toBe(1);
      expect(await fingerprintOf(served.port)).toBe(first.fingerprint256);
      expect(served.holder.stats()).toMatchObject({ generation: 1, reloads: 0, failures: 1, liveContexts: 1 });
    } finally {
      await served.stop();
    }
  });

  it('a key that does not match the certificate', async () => {
    const served = await servedFromFiles();
    try {
      await writeFile(served.files.key, second.key);
      const result = await served.holder.reload();
      expect(result).toMatchObject({ ok: false, generation: 1 });
      expect(served.failures[0]?.error.reason).toBe('key-mismatch');
      expect(served.failures[0]?.reason).toBe(
        `the private key (${served.files.key}) does not match the certificate (${served.files.cert}) (CN=localhost, SHA-256 ${first.fingerprint256})`,
      );
      expect(await fingerprintOf(served.port, 'localhost')).toBe(first.fingerprint256);
    } finally {
      await served.stop();
    }
  });

  it('a corrupt certificate', async () => {
    const served = await servedFromFiles();
    try {
      await writeFile(served.files.cert, 'this is not PEM');
      await served.holder.reload();
      expect(served.failures[0]?.error.reason).toBe('invalid-certificate');
      expect(served.failures[0]?.reason).toMatch(
        new RegExp(`^the certificate \\(${served.files.cert}\\) is not a valid PEM certificate: `),
      );
      expect(await fingerprintOf(served.port)).toBe(first.fingerprint256);
    } finally {
      await served.stop();
    }
  });

  it('a missing file', async () => {
    const served = await servedFromFiles();
    try {
      await rm(served.files.cert);
      await served.holder.reload();
      expect(served.failures[0]?.error.reason).toBe('missing-file');
      expect(served.failures[0]?.reason).toBe(`certificate file ${served.files.cert} does not exist`);
      expect(await fingerprintOf(served.port)).toBe(first.fingerprint256);
      await writeFile(served.files.cert, first.cert);
      await expect(served.holder.reload()).resolves.toMatchObject({ ok: true, generation: 2 });
    } finally {
      await served.stop();
    }
  });

  it('fromFiles rejects bad initial files with the reason', async () => {
    const directory = await freshDirectory();
    const files = await writePair(directory, first);
    await writeFile(files.key, second.key);
    await expect(ReloadableSecureContext.fromFiles(files)).rejects.toMatchObject({ reason: 'key-mismatch' });
    await expect(
      ReloadableSecureContext.fromFiles({ cert: join(directory, 'absent.pem'), key: files.key }),
    ).rejects.toThrow(`certificate file ${join(directory, 'absent.pem')} does not exist`);
  });

  it('fromPem throws on a bad key', () => {
    expect(() => ReloadableSecureContext.fromPem({ cert: first.cert, key: 'nope' })).toThrow(CertificateLoadError);
  });
});

describe('watch()', () => {
  async function watchedHolder(directory: string, files: { cert: string; key: string }) {
    const holder = await ReloadableSecureContext.fromFiles(files);
    const reloads: ReloadedEvent[] = [];
    const failures: ReloadFailedEvent[] = [];
    holder.on('reload', (event) => reloads.push(event));
    holder.on('reloadError', (event) => failures.push(event));
    holder.watch({ debounceMs: 50 });
    return { holder, reloads, failures, directory };
  }

  /** Long enough for any straggling file-system event plus the debounce to have acted. */
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));

  it('an atomic rename of the certificate file (same key) triggers exactly one reload', async () => {
    const directory = await freshDirectory();
    const files = await writePair(directory, first);
    const watched = await watchedHolder(directory, files);
    try {
      const temporary = join(directory, '.cert.pem.tmp');
      await writeFile(temporary, renewed.cert);
      await rename(temporary, files.cert);
      await waitFor(() => watched.reloads.length > 0, 5000);
      await settle();
      expect(watched.reloads).toEqual([{ generation: 2, fingerprint256: renewed.fingerprint256, trigger: 'watch' }]);
      expect(watched.failures).toEqual([]);
      expect(watched.holder.fingerprint256).toBe(renewed.fingerprint256);
    } finally {
      watched.holder.close();
    }
  });

  it('a key change alone triggers a reload', async () => {
    const directory = await freshDirectory();
    const files = await writePair(directory, first);
    const watched = await watchedHolder(directory, files);
    try {
      // The same key in the other PEM encoding (PKCS#8 <-> SEC1): the bytes change, the pair still
      // matches, and the certificate file is untouched.
      const { createPrivateKey } = await import('node:crypto');
      const type = first.key.includes('BEGIN EC PRIVATE KEY') ? 'pkcs8' : 'sec1';
      const reencoded = createPrivateKey(first.key).export({ format: 'pem', type }).toString();
      expect(reencoded).not.toBe(first.key);
      await writeFile(files.key, reencoded);
      await waitFor(() => watched.reloads.length > 0, 5000);
      await settle();
      expect(watched.reloads).toHaveLength(1);
    } finally {
      watched.holder.close();
    }
  });

  it('rewriting the same content does not reload', async () => {
    const directory = await freshDirectory();
    const files = await writePair(directory, first);
    const watched = await watchedHolder(directory, files);
    try {
      await writeFile(files.cert, first.cert);
      await writeFile(files.key, first.key);
      await settle();
      expect(watched.reloads).toEqual([]);
    } finally {
      watched.holder.close();
    }
  });

  it('a Kubernetes-style ..data symlink swap triggers one reload', async () => {
    const directory = await freshDirectory();
    const { mkdir } = await import('node:fs/promises');
    const version1 = join(directory, '..2026_01_01_v1');
    await mkdir(version1);
    await writePair(version1, first);
    await symlink('..2026_01_01_v1', join(directory, '..data'));
    await symlink('..data/cert.pem', join(directory, 'cert.pem'));
    await symlink('..data/key.pem', join(directory, 'key.pem'));
    const watched = await watchedHolder(directory, {
      cert: join(directory, 'cert.pem'),
      key: join(directory, 'key.pem'),
    });
    try {
      const version2 = join(directory, '..2026_01_02_v2');
      await mkdir(version2);
      await writePair(version2, second);
      await symlink('..2026_01_02_v2', join(directory, '..data_tmp'));
      await rename(join(directory, '..data_tmp'), join(directory, '..data'));
      await waitFor(() => watched.reloads.length > 0, 5000);
      await settle();
      expect(watched.reloads).toEqual([{ generation: 2, fingerprint256: second.fingerprint256, trigger: 'watch' }]);
    } finally {
      watched.holder.close();
    }
  });

  it('a broken write is reported once and the fixed file is then picked up', async () => {
    const directory = await freshDirectory();
    const files = await writePair(directory, first);
    const watched = await watchedHolder(directory, files);
    try {
      await writeFile(files.key, second.key);
      await waitFor(() => watched.failures.length > 0, 5000);
      await settle();
      expect(watched.failures.map((failure) => failure.error.reason)).toEqual(['key-mismatch']);
      expect(watched.failures[0]?.trigger).toBe('watch');
      await writeFile(files.cert, second.cert);
      await waitFor(() => watched.reloads.length > 0, 5000);
      expect(watched.reloads[0]?.fingerprint256).toBe(second.fingerprint256);
    } finally {
      watched.holder.close();
    }
  });

  it('watch() needs files, and unwatch()/close() stop it', async () => {
    const fromPem = ReloadableSecureContext.fromPem({ cert: first.cert, key: first.key });
    expect(() => fromPem.watch()).toThrow('watch() needs a holder made with ReloadableSecureContext.fromFiles()');
    fromPem.close();
    const directory = await freshDirectory();
    const files = await writePair(directory, first);
    const watched = await watchedHolder(directory, files);
    expect(watched.holder.stats().watching).toBe(true);
    watched.holder.unwatch();
    expect(watched.holder.stats().watching).toBe(false);
    await writeFile(files.cert, renewed.cert);
    await settle();
    expect(watched.reloads).toEqual([]);
    watched.holder.close();
  });
});
