/**
 * The TLS scenarios where a mistake crashes the process (SIGABRT or SIGSEGV) run in child
 * processes, so a crash fails a test instead of killing the test runner. The children start
 * together (they are mostly waiting on sockets) and each is bounded by a timeout.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

function runChild(script: string, args: string[] = [], timeoutMs = 60_000): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `tests/runtime/tls-children/${script}`, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      resolve({ status, signal, stdout, stderr });
    });
  });
}

function lastJsonLine(result: ChildResult): unknown {
  const lines = result.stdout.trim().split('\n');
  const last = lines.at(-1) ?? '';
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`child printed no JSON (status ${String(result.status)}, signal ${String(result.signal)}):\n${result.stdout}\n${result.stderr}`);
  }
}

let closeDefault: Promise<ChildResult>;
let sniClosed: Promise<ChildResult>;
let underLoad: Promise<ChildResult>;
let asyncStep: Promise<ChildResult>;

beforeAll(() => {
  closeDefault = runChild('node-hazards.ts', ['close-default']);
  sniClosed = runChild('node-hazards.ts', ['sni-closed']);
  underLoad = runChild('reload-under-load.ts');
  asyncStep = runChild('async-handshake-step.ts');
});

describe('what the holder must never do (Node 20 facts)', () => {
  it("closing the server's default context aborts the process on the next connection", async () => {
    const result = await closeDefault;
    expect(result.signal).toBe('SIGABRT');
    expect(result.stderr).toMatch(/Assertion failed.*ssl_/);
    expect(result.stdout).not.toMatch(/survived/);
  });

  it('handing a closed context out from SNICallback crashes the process', async () => {
    const result = await sniClosed;
    expect(result.signal).toBe('SIGSEGV');
    expect(result.stdout).not.toMatch(/survived/);
  });
});

describe('ReloadableSecureContext under load', () => {
  it('200 reloads while clients keep connecting: zero failed handshakes, one live context at the end', async () => {
    const result = await underLoad;
    expect(result.signal).toBeNull();
    expect(lastJsonLine(result)).toMatchObject({
      failedHandshakes: 0,
      unknownCertificates: 0,
      failedReloads: 0,
      stats: { generation: 201, reloads: 200, failures: 0, liveContexts: 1 },
    });
    const summary = lastJsonLine(result) as { handshakes: number; withSni: number; distinctCertificates: number };
    // New connections did see the new certificates (three identities rotate).
    expect(summary.distinctCertificates).toBeGreaterThanOrEqual(2);
    expect(summary.handshakes).toBeGreaterThanOrEqual(20);
    expect(summary.withSni).toBeGreaterThan(0);
    expect(summary.withSni).toBeLessThan(summary.handshakes);
  });

  it('keeps a handed-out context open through an asynchronous handshake step (OCSPRequest), then closes it', async () => {
    const result = await asyncStep;
    expect(result.signal).toBeNull();
    expect(lastJsonLine(result)).toEqual({
      servedFirst: true,
      echoed: 'ping',
      reloadsDuringStep: 3,
      liveDuringStep: 2,
      liveAfter: 1,
    });
  });
});
