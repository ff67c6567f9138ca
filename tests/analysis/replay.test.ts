// The path analysis works out a function's events only when the function's paths are asked about:
// a store into a release-able field there, a caller of a private method that stores, or a method
// whose summary a decided caller needs. Everything else is logged during the walk and dropped.
// Linted through ESLint's Linter with the fixture project's real types.
import { describe, expect, it } from 'vitest';
import { analysisStats, resetAnalysisStats } from '../../src/analysis/stats.js';
import { lint as lintFixture } from '../fixes/lint-harness.js';

const bufDeclarations = 'declare class Buf { release(): boolean }\ndeclare function alloc(): Buf;';

/** The reports (`line:column`) and how many functions had their paths worked out. */
function lint(code: string): { reports: string[]; replayed: number } {
  resetAnalysisStats();
  const messages = lintFixture(`${bufDeclarations}\n${code}`);
  for (const message of messages) if (message.ruleId !== 'resource-leak/no-unreleased-overwrite') throw new Error(message.message);
  return { reports: messages.map((message) => `${String(message.line)}:${String(message.column)}`), replayed: analysisStats.functionsReplayed };
}

describe('path events are worked out only where they are asked about', () => {
  it('replays only the method that stores into a release-able field, among many that store other things', () => {
    const methods = Array.from(
      { length: 20 },
      (_, i) => `  step${String(i)}(items: number[]): void {\n    if (items.length > ${String(i)}) this.count = items.length;\n    for (const item of items) this.total = this.total + item;\n  }`,
    );
    const { reports, replayed } = lint(
      ['class Pipeline {', '  count = 0;', '  total = 0;', '  buffer: Buf | undefined;', ...methods, '  refill(): void {', '    this.buffer = alloc();', '  }', '}'].join('\n'),
    );
    // The declarations take two lines; refill's store is on the line after its header.
    expect(reports).toEqual([`${String(2 + 4 + methods.join('\n').split('\n').length + 2)}:5`]);
    // Only refill: the program's own path and the twenty other methods are never worked out.
    expect(replayed).toBe(1);
  });

  it('replays the callers of a private method that stores, and the method, but not the rest of the class', () => {
    const { reports, replayed } = lint(
      [
        'class Pipeline {',
        '  buffer: Buf | undefined;',
        '  other = 0;',
        '  reset(): void {',
        '    this.buffer?.release();',
        '    this.#refill();',
        '  }',
        '  unrelated(values: number[]): void {',
        '    for (const value of values) this.other = this.other + value;',
        '  }',
        '  #refill(): void {',
        '    this.buffer = alloc();',
        '  }',
        '}',
      ].join('\n'),
    );
    expect(reports).toEqual([]);
    // #refill (asked about) and reset (its caller); `unrelated` is never replayed.
    expect(replayed).toBe(2);
  });
});
