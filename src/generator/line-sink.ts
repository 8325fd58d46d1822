import { once } from 'node:events';
import type { Writable } from 'node:stream';

const FLUSH_AT = 256 * 1024;

/**
 * Writes JSON Lines to a stream in large chunks and waits for `drain` when the stream asks
 * (backpressure), so multi-gigabyte logs use little memory. Counts the bytes written.
 */
export class LineSink {
  private parts: string[] = [];
  private pendingLength = 0;
  /** UTF-8 bytes accepted so far (flushed or buffered). */
  bytes = 0;

  private failure: Error | null = null;

  constructor(private readonly writable: Writable) {
    writable.on('error', (error: Error) => {
      this.failure ??= error;
    });
  }

  /** Appends one event as a line; flushes (and waits for the stream) when the buffer is full. */
  async write(event: object): Promise<void> {
    if (this.failure) throw this.failure;
    const line = `${JSON.stringify(event)}\n`;
    this.parts.push(line);
    this.pendingLength += line.length;
    this.bytes += Buffer.byteLength(line);
    if (this.pendingLength >= FLUSH_AT) await this.flush();
  }

  /** Hands everything buffered to the stream; resolves when the stream can take more. */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.pendingLength = 0;
    if (!this.writable.write(chunk)) await once(this.writable, 'drain');
  }
}
