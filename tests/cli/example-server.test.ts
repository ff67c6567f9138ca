// examples/tls-reload serves real TLS clients on 127.0.0.1, before and after the autofix: the
// RemotingServer through the example's own entry point (main.ts, with its certificate watcher),
// and the TlsNegotiator on a plain TCP server, across a reload of its static context.
import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { pathToFileURL } from 'node:url';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, exampleDirectory, repositoryRoot, resourceLeak } from './example-copy.js';

interface Pem {
  key: string;
  cert: string;
}

interface Certificates {
  ca: string;
  first: Pem;
  second: Pem;
}

async function makeCertificates(): Promise<Certificates> {
  const notAfterDate = new Date(Date.now() + 24 * 3600 * 1000);
  const ca = await generate([{ name: 'commonName', value: 'tls-reload example test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = async (): Promise<Pem> => {
    const made = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      notAfterDate,
      ca: { key: ca.private, cert: ca.cert },
      extensions: [
        { name: 'basicConstraints', cA: false },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
      ],
    });
    return { key: made.private, cert: made.cert };
  };
  return { ca: ca.cert, first: await server(), second: await server() };
}

const fingerprintOf = (pem: string): string => new X509Certificate(pem).fingerprint256;

/** One verified TLS connection on 127.0.0.1: the response to one line, and the certificate served. */
function request(port: number, ca: string, line: string): Promise<{ response: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', ca });
    socket.setEncoding('utf8');
    socket.setTimeout(5_000, () => socket.destroy(new Error('no response within 5 s')));
    let received = '';
    socket.on('secureConnect', () => socket.write(`${line}\n`));
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (!received.includes('\n')) return;
      const fingerprint = socket.getPeerCertificate().fingerprint256;
      socket.end();
      resolve({ response: received.trimEnd(), fingerprint });
    });
    socket.on('error', reject);
  });
}

/** Polls until `check` holds, at most `attempts` times. */
async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, attempts = 50): Promise<T> {
  let value = await probe();
  for (let attempt = 1; attempt < attempts && !check(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

let certificates: Certificates;
let fixedCopy: ReturnType<typeof copyExample>;
let work: string;

beforeAll(async () => {
  certificates = await makeCertificates();
  work = mkdtempSync(join(tmpdir(), 'resource-leak-example-server-'));
  fixedCopy = copyExample();
  const fixed = resourceLeak(['--fix'], fixedCopy.directory);
  expect(fixed.status).toBe(0);
});
afterAll(() => {
  fixedCopy.dispose();
  rmSync(work, { recursive: true, force: true });
});

const versions = [
  { name: 'as written (leaking)', directory: () => exampleDirectory },
  { name: 'after resource-leak --fix', directory: () => fixedCopy.directory },
];

describe.each(versions)('the example $name', ({ name, directory }) => {
  it('main.ts serves clients, picks up rotated files, and keeps the old certificate when the new files are broken', async () => {
    const certificateDirectory = join(work, `main-${name.replace(/\W+/g, '-')}`);
    mkdirSync(certificateDirectory);
    const writePem = (pem: Pem): void => {
      writeFileSync(join(certificateDirectory, 'key.pem'), pem.key);
      writeFileSync(join(certificateDirectory, 'cert.pem'), pem.cert);
    };
    writePem(certificates.first);
    const server: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', join(directory(), 'src', 'main.ts'), certificateDirectory],
      { cwd: repositoryRoot, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    server.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    server.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    try {
      const port = await eventually(
        () => Promise.resolve(Number(/serving on 127\.0\.0\.1:(\d+)/.exec(stdout)?.[1] ?? 0)),
        (value) => value > 0,
      );
      expect(port, stderr).toBeGreaterThan(0);
      const ca = certificates.ca;

      const first = await request(port, ca, 'hello');
      expect(first).toEqual({ response: 'pong hello', fingerprint: fingerprintOf(certificates.first.cert) });

      // An operator rotates the files in place; the watcher reloads.
      writePem(certificates.second);
      const rotated = await eventually(
        () => request(port, ca, 'after rotation'),
        (result) => result.fingerprint === fingerprintOf(certificates.second.cert),
      );
      expect(rotated).toEqual({ response: 'pong after rotation', fingerprint: fingerprintOf(certificates.second.cert) });

      // A half-written certificate: the reload fails, says why, and the last good one stays.
      writeFileSync(join(certificateDirectory, 'cert.pem'), '-----BEGIN CERTIFICATE-----\ntruncated\n');
      await eventually(
        () => Promise.resolve(stderr),
        (text) => text.includes('certificate reload failed'),
      );
      expect(stderr).toMatch(/^certificate reload failed, still serving the previous certificate: Error: .*(PEM|certificate|asn1)/im);
      expect(await request(port, ca, 'still up')).toEqual({
        response: 'pong still up',
        fingerprint: fingerprintOf(certificates.second.cert),
      });
    } finally {
      server.kill();
    }
  });

  it('TlsNegotiator upgrades raw sockets with its static context, before and after loadSslContext() replaces it', async () => {
    const module = (await import(pathToFileURL(join(directory(), 'src', 'tls-negotiator.ts')).href)) as {
      TlsNegotiator: new (config: { testMode: true; key: string; cert: string }) => { negotiate: (socket: net.Socket) => tls.TLSSocket };
    };
    const negotiator = new module.TlsNegotiator({ testMode: true, ...certificates.first });
    const server = net.createServer((raw) => {
      const socket = negotiator.negotiate(raw);
      socket.setEncoding('utf8');
      socket.on('data', (line: string) => socket.write(`pong ${line}`));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      expect(await request(port, certificates.ca, 'one')).toEqual({
        response: 'pong one',
        fingerprint: fingerprintOf(certificates.first.cert),
      });
      // A second negotiator (what a config reload builds) replaces the shared static context.
      new module.TlsNegotiator({ testMode: true, ...certificates.second });
      for (const line of ['two', 'three']) {
        expect(await request(port, certificates.ca, line)).toEqual({
          response: `pong ${line}`,
          fingerprint: fingerprintOf(certificates.second.cert),
        });
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
