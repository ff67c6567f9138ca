import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturesDir, lint, repair } from './lint-harness.js';
import { typeErrorsOf } from './type-check.js';

// The real TLS check. A server class that reloads a tls.SecureContext read per handshake (in its
// SNICallback) is fixed by the rule and then serves real clients on 127.0.0.1 through 200
// reloads: the fix closes each old native context exactly once right after the swap (counted in
// the child), and no handshake fails.
// A server that keeps handing the old context out gets no autofix; applying the suggestion
// anyway makes it crash (`Assertion failed: ssl_` or a segfault), which is why. Each server runs
// in a child process, so that an abort fails the test instead of killing vitest.

const perConnectionServer = `import tls from 'node:tls';

export interface Pems {
  key: string;
  cert: string;
}

export class SniTlsServer {
  sslContext: tls.SecureContext;
  readonly server: tls.Server;
  constructor(pems: Pems) {
    this.sslContext = tls.createSecureContext(pems);
    this.server = tls.createServer(
      {
        ...pems,
        SNICallback: (_servername, callback) => {
          callback(null, this.sslContext);
        },
      },
      (socket) => {
        socket.end('hello');
      },
    );
  }
  reload(pems: Pems): void {
    this.sslContext = tls.createSecureContext(pems);
  }
}
`;

/** Serves the field's first context for its host name for good: the server keeps handing it out. */
const sharedContextServer = `import tls from 'node:tls';

export interface Pems {
  key: string;
  cert: string;
}

export class SniTlsServer {
  sslContext: tls.SecureContext;
  readonly server: tls.Server;
  constructor(pems: Pems) {
    this.sslContext = tls.createSecureContext(pems);
    this.server = tls.createServer(pems, (socket) => {
      socket.end('hello');
    });
    this.server.addContext('localhost', this.sslContext);
  }
  reload(pems: Pems): void {
    this.sslContext = tls.createSecureContext(pems);
  }
}
`;

/**
 * Runs the server module in a child: 200 reloads, two client handshakes after each, all with
 * SNI "localhost" on 127.0.0.1 and verified against the generated certificates.
 */
const driver = `'use strict';
const tls = require('node:tls');
const fs = require('node:fs');
// Count each native context's close(), to see the fix free every replaced context exactly once.
const closes = new Map();
const createSecureContext = tls.createSecureContext;
tls.createSecureContext = (options) => {
  const context = createSecureContext(options);
  // Clients make contexts too (with a CA only); count the server's, which carry the key.
  if (!options || !options.key) return context;
  const native = context.context;
  const close = native.close.bind(native);
  closes.set(context, 0);
  native.close = () => {
    closes.set(context, closes.get(context) + 1);
    close();
  };
  return context;
};
const { SniTlsServer } = require('./server.cjs');
const { pems, reloads, clientsPerReload } = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const ca = pems.map((pem) => pem.cert);

function handshake(port) {
  return new Promise((resolve) => {
    let received = '';
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca }, () => {
      socket.setEncoding('utf8');
    });
    socket.setTimeout(5000, () => socket.destroy(new Error('timed out')));
    socket.on('data', (chunk) => { received += chunk; });
    socket.on('end', () => resolve(received === 'hello' ? undefined : 'unexpected reply: ' + received));
    socket.on('error', (error) => resolve(error.message));
  });
}

async function main() {
  const subject = new SniTlsServer(pems[0]);
  await new Promise((resolve) => subject.server.listen(0, '127.0.0.1', resolve));
  const { port } = subject.server.address();
  const result = { reloads: 0, handshakes: 0, failures: [], contexts: 0, closedOnce: 0, closedTwice: 0, elapsedMs: 0 };
  const started = Date.now();
  let pending = [];
  for (let round = 0; round < reloads && Date.now() - started < 60000; round += 1) {
    subject.reload(pems[(round + 1) % pems.length]);
    result.reloads += 1;
    for (let client = 0; client < clientsPerReload; client += 1) pending.push(handshake(port));
    if (pending.length >= 16) {
      for (const failure of await Promise.all(pending)) {
        result.handshakes += 1;
        if (failure) result.failures.push(failure);
      }
      pending = [];
    }
  }
  for (const failure of await Promise.all(pending)) {
    result.handshakes += 1;
    if (failure) result.failures.push(failure);
  }
  await new Promise((resolve) => subject.server.close(resolve));
  const counts = [...closes.values()];
  result.contexts = counts.length;
  result.closedOnce = counts.filter((count) => count === 1).length;
  result.closedTwice = counts.filter((count) => count > 1).length;
  result.elapsedMs = Date.now() - started;
  process.stdout.write(JSON.stringify(result));
}
main().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(2);
});
`;

interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface DriverReport {
  reloads: number;
  handshakes: number;
  failures: string[];
  /** SecureContexts created, and how many of them were closed once / more than once. */
  contexts: number;
  closedOnce: number;
  closedTwice: number;
  elapsedMs: number;
}

let workDir = '';
const reloads = 200;
const clientsPerReload = 2;

beforeAll(async () => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'tls-fix-'));
  const attributes = [{ name: 'commonName', value: 'localhost' }];
  const options = {
    keyType: 'ec' as const,
    curve: 'P-256' as const,
    extensions: [
      { name: 'subjectAltName' as const, altNames: [{ type: 2 as const, value: 'localhost' }] },
    ],
  };
  const certificates = await Promise.all([generate(attributes, options), generate(attributes, options)]);
  const pems = certificates.map((certificate) => ({ key: certificate.private, cert: certificate.cert }));
  writeFileSync(path.join(workDir, 'config.json'), JSON.stringify({ pems, reloads, clientsPerReload }));
  writeFileSync(path.join(workDir, 'driver.cjs'), driver);
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** Type-checks the repaired server, transpiles it next to the driver and runs the driver. */
function runServer(source: string): Promise<RunResult> {
  const errors = typeErrorsOf(new Map([[path.join(fixturesDir, 'tls-server.ts'), source]]));
  expect([...errors.values()].flat()).toEqual([]);
  const javascript = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
  writeFileSync(path.join(workDir, 'server.cjs'), javascript);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(workDir, 'driver.cjs'), path.join(workDir, 'config.json')], {
      cwd: workDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout, stderr });
    });
  });
}

describe('real TLS check', () => {
  it('fixes a server that reads its context per handshake, which then survives 200 reloads under load', async () => {
    const repaired = repair(perConnectionServer);
    expect(repaired).toMatchObject({ fixesApplied: 1, suggestionsApplied: 0, remaining: [] });
    expect(repaired.output).toContain(
      'if (oldSslContext !== this.sslContext) (oldSslContext.context as { close(): void }).close();',
    );

    const run = await runServer(repaired.output);
    expect({ exitCode: run.exitCode, signal: run.signal, stderr: run.stderr }).toEqual({
      exitCode: 0,
      signal: null,
      stderr: '',
    });
    const report = JSON.parse(run.stdout) as DriverReport;
    // The server's own default, the field's first context and one per reload: every context the
    // field held before a reload is closed exactly once; the live one and the default are not.
    expect({ ...report, elapsedMs: undefined }).toEqual({
      reloads,
      handshakes: reloads * clientsPerReload,
      failures: [],
      contexts: reloads + 2,
      closedOnce: reloads,
      closedTwice: 0,
      elapsedMs: undefined,
    });
  }, 120_000);

  it('offers no autofix when the server keeps handing the old context out; the suggestion, applied anyway, crashes it', async () => {
    const [report, ...others] = lint(sharedContextServer);
    expect(others).toEqual([]);
    expect(report?.fix).toBeUndefined();
    expect(report?.suggestions?.map((suggestion) => suggestion.messageId)).toEqual(['suggestCloseSecureContext']);
    expect(report?.suggestions?.[0]?.desc).toContain('ReloadableSecureContext');

    const suggested = repair(sharedContextServer);
    expect(suggested).toMatchObject({ fixesApplied: 0, suggestionsApplied: 1, remaining: [] });
    const run = await runServer(suggested.output);
    const crashed = run.exitCode !== 0 || run.signal !== null;
    const failed = !crashed && (JSON.parse(run.stdout) as DriverReport).failures.length > 0;
    expect({ crashedOrFailedHandshakes: crashed || failed }).toEqual({ crashedOrFailedHandshakes: true });
  }, 120_000);
});
