// One side of the demo's side-by-side run, in its own process: starts the example's RemotingServer
// from `--example <dir>` on 127.0.0.1, rotates its certificate `--rotations N` times while a client
// keeps connecting, and reports RSS growth, live native contexts and failed handshakes to the parent.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type * as tls from 'node:tls';
import type { DemoCertificates } from './demo-certificates.js';

export interface RotationProgress {
  type: 'progress';
  rotations: number;
  rssGrowthBytes: number;
  liveContexts: number;
}

export interface RotationReport {
  type: 'report';
  rotations: number;
  rssGrowthBytes: number;
  /** Server contexts created and not yet freed (closed, or collected by the GC). */
  liveContexts: number;
  createdContexts: number;
  closedContexts: number;
  collectedContexts: number;
  /** Live contexts after a forced full GC, which Node would otherwise run only under heap pressure. */
  liveContextsAfterGc: number;
  handshakes: number;
  failedHandshakes: number;
  firstFailure: string | undefined;
}

/** Counts native contexts: created through tls.createSecureContext, freed by close() or by the GC. */
class ContextCensus {
  created = 0;
  closed = 0;
  collected = 0;
  private readonly freed = new Set<number>();
  private readonly idOfNative = new WeakMap<object, number>();
  private readonly registry = new FinalizationRegistry<number>((id) => {
    if (this.markFreed(id)) this.collected++;
  });

  get live(): number {
    return this.created - this.freed.size;
  }

  install(): void {
    const tlsModule = createRequire(import.meta.url)('node:tls') as typeof tls;
    const createSecureContext = tlsModule.createSecureContext.bind(tlsModule);
    const probe: unknown = createSecureContext({}).context;
    const nativePrototype = Object.getPrototypeOf(probe) as { close: (this: object) => void };
    const nativeClose = nativePrototype.close;
    const onClose = (native: object): void => {
      const id = this.idOfNative.get(native);
      if (id !== undefined && this.markFreed(id)) this.closed++;
    };
    nativePrototype.close = function close(this: object) {
      onClose(this);
      nativeClose.call(this);
    };
    Reflect.set(tlsModule, 'createSecureContext', (options?: tls.SecureContextOptions) => {
      const context = createSecureContext(options);
      // Count the server's certificate contexts only, not the ones each client connection makes.
      if (options?.cert !== undefined) {
        const id = this.created++;
        const native: unknown = context.context;
        if (typeof native === 'object' && native !== null) this.idOfNative.set(native, id);
        this.registry.register(context, id);
      }
      return context;
    });
    syncBuiltinESMExports();
  }

  private markFreed(id: number): boolean {
    if (this.freed.has(id)) return false;
    this.freed.add(id);
    return true;
  }
}

interface ExampleServer {
  loadSslContext(): void;
  listen(port?: number): Promise<number>;
  close(): Promise<void>;
}

interface ExampleModules {
  RemotingServer: new (options: {
    certificates: { keyFile: string; certFile: string; trustedCaDirectory?: string };
  }) => ExampleServer;
  request: (line: string, options: { port: number; ca: string; timeoutMs?: number }) => Promise<string>;
}

async function loadExample(exampleDirectory: string): Promise<ExampleModules> {
  const server = (await import(pathToFileURL(join(exampleDirectory, 'src/remoting-server.ts')).href)) as Pick<
    ExampleModules,
    'RemotingServer'
  >;
  const client = (await import(pathToFileURL(join(exampleDirectory, 'src/client.ts')).href)) as Pick<
    ExampleModules,
    'request'
  >;
  return { RemotingServer: server.RemotingServer, request: client.request };
}

function send(message: RotationProgress | RotationReport): void {
  if (process.send === undefined) console.log(JSON.stringify(message));
  else process.send(message);
}

function collectGarbage(): void {
  const gc: unknown = Reflect.get(globalThis, 'gc');
  if (typeof gc === 'function') (gc as () => void)();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      example: { type: 'string' },
      certificates: { type: 'string' },
      work: { type: 'string' },
      rotations: { type: 'string', default: '500' },
    },
  });
  if (values.example === undefined || values.certificates === undefined || values.work === undefined) {
    throw new Error('usage: demo-rotation --example <dir> --certificates <json> --work <dir> [--rotations N]');
  }
  const rotations = Number.parseInt(values.rotations, 10);
  const certificates = JSON.parse(values.certificates) as DemoCertificates;

  const census = new ContextCensus();
  census.install();
  const { RemotingServer, request } = await loadExample(values.example);

  const files = {
    keyFile: join(values.work, 'key.pem'),
    certFile: join(values.work, 'cert.pem'),
    trustedCaDirectory: join(values.work, 'trusted'),
  };
  mkdirSync(files.trustedCaDirectory, { recursive: true });
  certificates.trustedCas.forEach((pem, index) => {
    writeFileSync(join(files.trustedCaDirectory, `ca-${String(index).padStart(3, '0')}.pem`), pem);
  });
  const writeServerCertificate = (rotation: number): void => {
    const server = certificates.servers[rotation % certificates.servers.length];
    if (server === undefined) throw new Error('no server certificates');
    writeFileSync(files.keyFile, server.key);
    writeFileSync(files.certFile, server.cert);
  };
  writeServerCertificate(0);

  const server = new RemotingServer({ certificates: files });
  const port = await server.listen();
  const ca = certificates.signingCaCert;
  await request('warm-up', { port, ca });
  collectGarbage();
  const baselineRss = process.memoryUsage().rss;

  let handshakes = 0;
  let failedHandshakes = 0;
  let firstFailure: string | undefined;
  const clientLoop = { running: true };
  const client = (async () => {
    while (clientLoop.running) {
      try {
        await request(`request ${String(handshakes)}`, { port, ca, timeoutMs: 10_000 });
      } catch (error) {
        failedHandshakes++;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
      handshakes++;
    }
  })();

  const progressEvery = Math.max(1, Math.floor(rotations / 20));
  for (let rotation = 1; rotation <= rotations; rotation++) {
    // What the file watcher does on a certificate change: new files on disk, then loadSslContext().
    writeServerCertificate(rotation);
    server.loadSslContext();
    await new Promise((resolve) => setImmediate(resolve));
    if (rotation % progressEvery === 0 || rotation === rotations) {
      send({
        type: 'progress',
        rotations: rotation,
        rssGrowthBytes: process.memoryUsage().rss - baselineRss,
        liveContexts: census.live,
      });
    }
  }
  clientLoop.running = false;
  await client;
  // One more request must be served with the newest certificate.
  try {
    await request('after rotation', { port, ca });
    handshakes++;
  } catch (error) {
    handshakes++;
    failedHandshakes++;
    firstFailure ??= error instanceof Error ? error.message : String(error);
  }
  const rssGrowthBytes = process.memoryUsage().rss - baselineRss;
  const liveContexts = census.live;
  const { created, closed, collected } = census;
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 50));
  collectGarbage();
  await new Promise((resolve) => setTimeout(resolve, 50));
  send({
    type: 'report',
    rotations,
    rssGrowthBytes,
    liveContexts,
    createdContexts: created,
    closedContexts: closed,
    collectedContexts: collected,
    liveContextsAfterGc: census.live,
    handshakes,
    failedHandshakes,
    firstFailure,
  });
  await server.close();
}

await main();
