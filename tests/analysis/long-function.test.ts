// Path analysis on long functions: every store of a method with many branches is decided (none is
// dropped because the analysis gave up), and the per-field windows of the fixed point still see
// what flows around loops and what a test before the window proves. Linted through ESLint's
// Linter with the fixture project's real types; each case checks the reports' lines and columns.
import { describe, expect, it } from 'vitest';
import { lint } from '../fixes/lint-harness.js';

const bufDeclarations = 'declare class Buf { release(): boolean }\ndeclare function alloc(): Buf;';

/** Where the rule reports, as `line:column`. */
function reportsOf(lines: readonly string[]): string[] {
  const messages = lint(lines.join('\n'));
  for (const message of messages) if (message.ruleId !== 'resource-leak/no-unreleased-overwrite') throw new Error(message.message);
  return messages.map((message) => `${String(message.line)}:${String(message.column)}`);
}

describe('a method with many branches', () => {
  it('reports exactly the leaking stores among 1,200 stores with branches between them', () => {
    // Past about 1,000 of them, TypeScript stops following the flow graph when it narrows `this`
    // (its flow-depth limit): the field's type came back unresolved, and no store was reported.
    const lines = [bufDeclarations, 'class Pipeline {', '  buffer: Buf | undefined;', '  run(sizes: number[]): void {'];
    const expected: string[] = [];
    for (let i = 0; i < 1200; i++) {
      switch (i % 4) {
        case 0: // plain overwrite: leaks
          lines.push('    this.buffer = alloc();');
          expected.push(`${String(lines.length + 1)}:5`);
          break;
        case 1: // released first on the only path that is not already empty
          lines.push('    if (this.buffer) this.buffer.release();', '    this.buffer = alloc();');
          break;
        case 2: // released on one branch only: leaks on the other
          lines.push(`    if (sizes.length > ${String(i)}) {`, '      this.buffer?.release();', '    }', '    this.buffer = alloc();');
          expected.push(`${String(lines.length + 1)}:5`);
          break;
        default: // saved and released after
          lines.push(`    const old${String(i)} = this.buffer;`, '    this.buffer = alloc();', `    old${String(i)}?.release();`);
      }
    }
    lines.push('  }', '}');
    // The declarations take two lines, so the element at index j is on line j + 2.
    expect(reportsOf(lines)).toEqual(expected);
  });
});

describe('the window of one field among others', () => {
  it('follows a loop back to a store whose field no earlier segment touched', () => {
    const lines = [
      bufDeclarations,
      'class Pool {',
      '  a: Buf | undefined;',
      '  b: Buf;',
      '  constructor(items: number[]) {',
      '    this.b = alloc();',
      '    for (const item of items) {',
      '      if (item > 0) this.b.release();',
      '      this.a = alloc();',
      '    }',
      '  }',
      '}',
    ];
    // The first store of `a` sees no value, but the next iteration's sees the first one's.
    expect(reportsOf(lines)).toEqual(['10:7']);
  });

  it('keeps what a test before the window proves: the field is empty on the only path that stores', () => {
    const lines = [
      bufDeclarations,
      'class Holder {',
      '  a: Buf | undefined;',
      '  b: Buf | undefined;',
      '  open(): void {',
      '    if (this.a) return;',
      '    const old = this.b;',
      '    this.b = alloc();',
      '    old?.release();',
      '    this.a = alloc();',
      '  }',
      '}',
    ];
    expect(reportsOf(lines)).toEqual([]);
  });
});

describe('a long segment, whose events are listed by field', () => {
  it('sees each field’s own release, the suspensions and the own-method calls among many other fields’ events', () => {
    // One segment (no branch) with far more than 16 events: each field's flow walks its own list,
    // which must keep the events on no field (an `await`, `this.drain()`) in their place.
    const fields = Array.from({ length: 24 }, (_, i) => `f${String(i)}`);
    const lines = [
      bufDeclarations,
      'declare function tick(): Promise<void>;',
      'class Pool {',
      ...fields.map((field) => `  ${field}: Buf = alloc();`),
      '  drain(): void {',
      '    this.f3.release();',
      '  }',
      '  async refill(): Promise<void> {',
    ];
    const expected: string[] = [];
    for (const [i, field] of fields.entries()) {
      switch (i % 4) {
        case 0: // released, then stored: fine
          lines.push(`    this.${field}.release();`, `    this.${field} = alloc();`);
          break;
        case 1: // released, then an await, then stored: other code sees the released value
          lines.push(`    this.${field}.release();`, '    await tick();', `    this.${field} = alloc();`);
          expected.push(`${String(lines.length + 1)}:5`);
          break;
        case 2: // stored without a release: a leak
          lines.push(`    this.${field} = alloc();`);
          expected.push(`${String(lines.length + 1)}:5`);
          break;
        default: // f3 is released by the own method called just before; the others leak
          lines.push('    this.drain();', `    this.${field} = alloc();`);
          if (field !== 'f3') expected.push(`${String(lines.length + 1)}:5`);
      }
    }
    lines.push('  }', '}');
    // The Buf declarations take two lines, so the element at index j is on line j + 2.
    expect(reportsOf(lines)).toEqual(expected);
  });
});
