// The facts the rule's stream-lock exemption rests on (src/analysis/stream-lock.ts), checked on
// Node's own web streams: taking a lock throws while the stream is locked, so a store of a new
// writer never runs while the old one holds its lock; and a writer that let go of its lock holds
// nothing: closing it rejects instead of closing the stream.
import { describe, expect, it } from 'vitest';

class StreamTarget {
  streamWriter: WritableStreamDefaultWriter<string> | null = null;
  constructor(readonly writable: WritableStream<string>) {}
  start(): void {
    this.streamWriter = this.writable.getWriter();
  }
}

function recordingStream(): { stream: WritableStream<string>; closes: () => number } {
  let closes = 0;
  const stream = new WritableStream<string>({
    close() {
      closes++;
    },
  });
  return { stream, closes: () => closes };
}

describe('web stream locks', () => {
  it('a second start() throws before its store, so the field keeps the writer that holds the lock', () => {
    const { stream } = recordingStream();
    const target = new StreamTarget(stream);
    target.start();
    const first = target.streamWriter;
    expect(() => {
      target.start();
    }).toThrow(TypeError);
    expect(target.streamWriter).toBe(first);
  });

  it('after releaseLock() the old writer holds nothing: a new store drops no lock, and closing the old one rejects', async () => {
    const { stream, closes } = recordingStream();
    const target = new StreamTarget(stream);
    target.start();
    const first = target.streamWriter;
    first?.releaseLock();
    target.start();
    expect(target.streamWriter).not.toBe(first);
    await expect(first?.close()).rejects.toThrow(TypeError);
    expect(closes()).toBe(0);
    expect(stream.locked).toBe(true);
  });
});
