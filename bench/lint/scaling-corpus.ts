// Generated inputs for the scaling benchmark. Two series, each with 10, 100, 1,000 and 10,000
// field assignments in one file:
//   classes:  N classes, each with a release-able field and a method that assigns it, in the four
//             shapes the rule must tell apart (leak, release first, save-old, guarded by emptiness);
//   function: one class whose one method makes N assignments in a row, with branches between them,
//             so the code-path analysis of a single function grows with N.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from './corpus.js';

export type ScalingSeries = 'classes' | 'function';

const resourceTypes = `export class NativeBuffer {
  #live = true;
  constructor(readonly size: number) {}
  release(): boolean {
    const was = this.#live;
    this.#live = false;
    return was;
  }
}
export function allocate(size: number): NativeBuffer {
  return new NativeBuffer(size);
}
`;

const classShapes = [
  // leak: the old buffer is dropped
  (i: number) => `export class Holder${String(i)} {
  private buffer: NativeBuffer | undefined;
  resize(size: number): void {
    this.buffer = allocate(size + ${String(i)});
  }
  close(): void {
    this.buffer?.release();
  }
}
`,
  // released first
  (i: number) => `export class Holder${String(i)} {
  private buffer = new NativeBuffer(${String(i)});
  resize(size: number): void {
    this.buffer.release();
    this.buffer = new NativeBuffer(size);
  }
}
`,
  // save-old
  (i: number) => `export class Holder${String(i)} {
  private buffer: NativeBuffer | null = null;
  resize(size: number): void {
    const previous = this.buffer;
    this.buffer = allocate(size);
    previous?.release();
  }
}
`,
  // known empty on the only path that assigns
  (i: number) => `export class Holder${String(i)} {
  static shared: NativeBuffer | undefined;
  resize(size: number): void {
    if (Holder${String(i)}.shared) return;
    Holder${String(i)}.shared = allocate(size * ${String(i)});
  }
}
`,
];

function classesSource(n: number): string {
  let text = resourceTypes;
  for (let i = 0; i < n; i++) text += classShapes[i % classShapes.length]?.(i) ?? '';
  return text;
}

function functionSource(n: number): string {
  const lines = [resourceTypes, 'export class Pipeline {', '  private buffer: NativeBuffer | undefined;', '  run(sizes: number[]): void {'];
  for (let i = 0; i < n; i++) {
    const size = `sizes[${String(i % 7)}] ?? ${String(i)}`;
    switch (i % 4) {
      case 0:
        lines.push(`    this.buffer = allocate(${size});`);
        break;
      case 1:
        lines.push(`    if (this.buffer) this.buffer.release();`, `    this.buffer = allocate(${size});`);
        break;
      case 2:
        lines.push(`    if (sizes.length > ${String(i)}) {`, `      this.buffer?.release();`, `    }`, `    this.buffer = new NativeBuffer(${size});`);
        break;
      default:
        lines.push(`    const old${String(i)} = this.buffer;`, `    this.buffer = allocate(${size});`, `    old${String(i)}?.release();`);
    }
  }
  lines.push('  }', '  close(): void {', '    this.buffer?.release();', '  }', '}', '');
  return lines.join('\n');
}

/** Writes bench/corpus/scaling-<series>-<n>/ (tsconfig + one source file); returns the file's path. */
export function writeScalingProject(series: ScalingSeries, n: number): string {
  const dir = join(corpusDir, `scaling-${series}-${String(n)}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(
    join(dir, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', types: [], noEmit: true },
        include: ['src/**/*.ts'],
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(join(dir, 'package.json'), '{ "private": true, "type": "module" }\n');
  const file = join(dir, 'src', 'generated.ts');
  writeFileSync(file, series === 'classes' ? classesSource(n) : functionSource(n));
  return file;
}

/** How many stores of a generated file leak (and should be reported): see the shapes above. */
export function expectedFindings(series: ScalingSeries, n: number): number {
  // classes: one shape in four leaks; function: the plain store (i % 4 === 0) and the store after a
  // release on one branch only (i % 4 === 2) leak.
  let count = 0;
  for (let i = 0; i < n; i++) if (series === 'classes' ? i % 4 === 0 : i % 4 === 0 || i % 4 === 2) count++;
  return count;
}
