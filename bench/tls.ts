/**
 * npm run bench:tls
 *
 * 1. RSS growth over 1,000 certificate reloads with a ~150-certificate CA bundle:
 *    Node's `server.setSecureContext()` loop against ReloadableSecureContext, each in its own child
 *    process so they do not share an RSS, side by side in one run.
 * 2. Per-allocation cost of AbstractReferenceCounted (allocate + release) with the leak detector
 *    disabled / simple / advanced / paranoid, as ratios against allocating a plain object.
 *
 * Not a test: it prints numbers (docs/runtime.md records them with the machine).
 * Runs from the repository root with root dependencies only.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:tls';
import { generate } from 'selfsigned';
import { AbstractReferenceCounted, ResourceLeakDetector, type LeakDetectionLevel } from '../src/runtime/index.js';
import { ReloadableSecureContext } from '../src/runtime/tls.js';

const RELOADS = Number(process.env.BENCH_TLS_RELOADS ?? 1000);
const CA_CERTIFICATES = Number(process.env.BENCH_TLS_CA_CERTIFICATES ?? 150);
const MB = 1024 * 1024;

interface ReloadRun {
  variant: 'naive' | 'holder';
  reloads: number;
  rssBeforeMb: number;
  /** Right after the loop, before any forced GC: what a running server sees. */
  rssAfterLoopMb: number;
  /** After forced full GCs. */
  rssAfterMb: number;
  growthMb: number;
  growthAfterGcMb: number;
  seconds: number;
  liveContexts?: number;
  finalizedDuringLoop?: number;
  finalizedAfterGc?: number;
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc (npm run bench:tls does)');
  for (let round = 0; round < 3; round += 1) gc();
}

async function settledRss(): Promise<number> {
  collect();
  await new Promise((resolve) => setTimeout(resolve, 100));
  collect();
  return process.memoryUsage().rss / MB;
}

/** Child process: one variant, printing a JSON line. */
async function runVariant(variant: 'naive' | 'holder', directory: string): Promise<void> {
  // Both variants reload from the same PEM buffers held in memory, so the only difference is what
  // happens to the old native context (file reads would add the same noise to both).
  const [cert, key, ca] = await Promise.all(
    ['cert.pem', 'key.pem', 'ca-bundle.pem'].map((name) => readFile(join(directory, name))),
  );
  if (cert === undefined || key === undefined || ca === undefined) throw new Error('missing PEM files');
  const server = createServer({ cert, key, ca });
  const holder = variant === 'holder' ? ReloadableSecureContext.fromPem({ cert, key, ca }) : undefined;
  holder?.attach(server);
  // Count the naive loop's old contexts the GC finalizes during the loop: V8 sees ~1 KiB each.
  let finalizedDuringLoop = 0;
  const finalizations = new FinalizationRegistry<number>(() => {
    finalizedDuringLoop += 1;
  });
  const rssBeforeMb = await settledRss();
  const started = performance.now();
  for (let reload = 0; reload < RELOADS; reload += 1) {
    if (holder === undefined) {
      server.setSecureContext({ cert, key, ca });
      const replaced = (server as unknown as { _sharedCreds?: object })._sharedCreds;
      if (replaced !== undefined) finalizations.register(replaced, reload);
    } else {
      const result = await holder.reload();
      if (!result.ok) throw result.error;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const rssAfterLoopMb = process.memoryUsage().rss / MB;
  const finalized = finalizedDuringLoop;
  const rssAfterMb = await settledRss();
  const finalizedAfterGc = finalizedDuringLoop;
  const run: ReloadRun = {
    variant,
    reloads: RELOADS,
    rssBeforeMb,
    rssAfterLoopMb,
    rssAfterMb,
    growthMb: rssAfterLoopMb - rssBeforeMb,
    growthAfterGcMb: rssAfterMb - rssBeforeMb,
    seconds,
  };
  if (holder === undefined) {
    run.finalizedDuringLoop = finalized;
    run.finalizedAfterGc = finalizedAfterGc;
  }
  else run.liveContexts = holder.stats().liveContexts;
  holder?.close();
  server.close();
  console.log(JSON.stringify(run));
}

function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 300_000,
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      if (status === 0) resolve(stdout.trim().split('\n').at(-1) ?? '');
      else reject(new Error(`${args.join(' ')} exited with ${String(status ?? signal)}`));
    });
  });
}

/**
 * A CA bundle shaped like a real one: RSA-2048 root certificates (one key pair signs them all, so
 * generating 150 takes about a second instead of 150 RSA key generations), plus an EC leaf.
 */
async function writeCertificates(directory: string): Promise<void> {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPair = {
    privateKey: rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKey: rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
  const authorities = await Promise.all(
    Array.from({ length: CA_CERTIFICATES }, (_, index) =>
      generate([{ name: 'commonName', value: `Bench Root CA ${String(index + 1)}` }], {
        keyPair,
        algorithm: 'sha256',
        extensions: [
          { name: 'basicConstraints', cA: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true },
        ],
      }),
    ),
  );
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', algorithm: 'sha256' });
  await writeFile(join(directory, 'ca-bundle.pem'), authorities.map((authority) => authority.cert.trimEnd()).join('\n') + '\n');
  await writeFile(join(directory, 'cert.pem'), leaf.cert);
  await writeFile(join(directory, 'key.pem'), leaf.private);
}

// ---- per-allocation cost ----

class PlainBuffer {
  length = 0;
}

class CountedBuffer extends AbstractReferenceCounted {
  length = 0;
  protected deallocate(): void {
    this.length = -1;
  }
}

/** Every object is stored here for a while, so the JIT cannot optimize an allocation away. */
const ring: object[] = new Array<object>(1024);
let sink = 0;

function timePlain(iterations: number): number {
  const started = performance.now();
  for (let index = 0; index < iterations; index += 1) {
    const buffer = new PlainBuffer();
    ring[index & 1023] = buffer;
    sink += buffer.length;
  }
  return ((performance.now() - started) * 1e6) / iterations;
}

function timeCounted(iterations: number): number {
  const started = performance.now();
  for (let index = 0; index < iterations; index += 1) {
    const buffer = new CountedBuffer();
    ring[index & 1023] = buffer;
    buffer.release();
    sink += buffer.length;
  }
  return ((performance.now() - started) * 1e6) / iterations;
}

/** Noise from other processes only ever adds time, so the fastest round is the best estimate. */
function fastest(values: number[]): number {
  return values.length === 0 ? Number.NaN : Math.min(...values);
}

interface AllocationCost {
  setting: string;
  nanoseconds: number;
}

/** Interleaved rounds (plain, then each level) so machine noise hits all of them alike. */
function measureAllocation(): AllocationCost[] {
  const levels: LeakDetectionLevel[] = ['disabled', 'simple', 'advanced', 'paranoid'];
  const samples = new Map<string, number[]>([['plain object', []], ...levels.map((level): [string, number[]] => [level, []])]);
  const saved = ResourceLeakDetector.configure({ samplingInterval: 128 });
  // Warm up every path before timing.
  timePlain(200_000);
  for (const level of levels) {
    ResourceLeakDetector.level = level;
    timeCounted(level === 'paranoid' ? 20_000 : 200_000);
  }
  for (let round = 0; round < 7; round += 1) {
    samples.get('plain object')?.push(timePlain(1_000_000));
    for (const level of levels) {
      ResourceLeakDetector.level = level;
      samples.get(level)?.push(timeCounted(level === 'paranoid' ? 50_000 : 1_000_000));
    }
  }
  ResourceLeakDetector.configure(saved);
  return [...samples].map(([setting, values]) => ({ setting, nanoseconds: fastest(values) }));
}

function cpuModel(): string {
  return cpus()[0]?.model ?? 'unknown';
}

async function orchestrate(): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'bench-tls-'));
  try {
    console.log(`bench:tls  ${new Date().toISOString()}`);
    console.log(`machine: ${String(cpus().length)} cores (${cpuModel()}), Node ${process.version}, ${process.platform}/${process.arch}`);
    const generationStarted = performance.now();
    await writeCertificates(directory);
    console.log(
      `generated a ${String(CA_CERTIFICATES)}-certificate RSA CA bundle + EC leaf in ${((performance.now() - generationStarted) / 1000).toFixed(1)} s`,
    );
    console.log(`\n1) RSS growth over ${String(RELOADS)} reloads (each variant in its own child process)`);
    // Both at once (one core each): RSS is per process, and the wall time halves.
    const [naiveLine, holderLine] = await Promise.all([runChild(['naive', directory]), runChild(['holder', directory])]);
    const naive = JSON.parse(naiveLine) as ReloadRun;
    const holder = JSON.parse(holderLine) as ReloadRun;
    for (const run of [naive, holder]) {
      const label = run.variant === 'naive' ? 'server.setSecureContext() loop' : 'ReloadableSecureContext       ';
      const detail =
        run.variant === 'naive'
          ? `old contexts finalized during the loop: ${String(run.finalizedDuringLoop)}, after forced GC: ${String(run.finalizedAfterGc)}`
          : `live contexts at the end: ${String(run.liveContexts)}`;
      console.log(
        `   ${label}  RSS ${run.rssBeforeMb.toFixed(1)} -> ${run.rssAfterLoopMb.toFixed(1)} MB: growth ${run.growthMb.toFixed(1)} MB (after forced GC: ${run.growthAfterGcMb.toFixed(1)} MB)  ${run.seconds.toFixed(1)} s, ${detail}`,
      );
    }
    const ratio = holder.growthMb / naive.growthMb;
    console.log(
      `   holder growth / naive growth = ${(ratio * 100).toFixed(2)} %${holder.growthMb < 0 ? " (negative: the holder's RSS ended below where it started)" : ''}`,
    );
    const meetsGoal = ratio < 0.05 && holder.growthMb < 20;
    console.log(`   goal (holder < 5 % of naive and < 20 MB): ${meetsGoal ? 'met' : 'NOT met'}`);

    console.log('\n2) AbstractReferenceCounted allocate + release, against allocating a plain object (fastest of 7 interleaved rounds, own child process)');
    const costs = JSON.parse(await runChild(['allocation'])) as AllocationCost[];
    const plain = costs.find((cost) => cost.setting === 'plain object')?.nanoseconds ?? Number.NaN;
    for (const cost of costs) {
      console.log(
        `   ${cost.setting.padEnd(13)} ${cost.nanoseconds.toFixed(1).padStart(8)} ns   ${(cost.nanoseconds / plain).toFixed(1).padStart(7)} x plain`,
      );
    }
    process.exitCode = meetsGoal ? 0 : 1;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const [mode, directory] = process.argv.slice(2);
if ((mode === 'naive' || mode === 'holder') && directory !== undefined) {
  await runVariant(mode, directory);
} else if (mode === 'allocation') {
  const costs = measureAllocation();
  if (sink === Number.MIN_SAFE_INTEGER) console.error(sink);
  console.log(JSON.stringify(costs));
} else {
  await orchestrate();
}
