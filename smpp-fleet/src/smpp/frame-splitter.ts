/**
 * Cuts a TCP byte stream into complete SMPP PDUs. `push(chunk)` calls `onFrame(buf, offset, length)`
 * for every complete PDU (many per chunk, or one spread over many chunks), without copying when a
 * PDU lies inside one chunk. A command_length outside 16..maxLength cannot be resynchronised: the
 * splitter reports it through `onBadLength(header)` and drops the bytes it holds.
 */
import { HEADER_LENGTH, MAX_PDU_LENGTH } from './constants';

export type FrameHandler = (buf: Buffer, offset: number, length: number) => void;
export type BadLengthHandler = (commandLength: number, commandId: number, sequenceNumber: number) => void;

export class FrameSplitter {
  private pending: Buffer | undefined;

  constructor(
    private readonly onFrame: FrameHandler,
    private readonly onBadLength: BadLengthHandler,
    private readonly maxLength = MAX_PDU_LENGTH,
  ) {}

  /** Bytes held waiting for the rest of a PDU. */
  get buffered(): number {
    return this.pending?.length ?? 0;
  }

  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.pending !== undefined) {
      buf = Buffer.concat([this.pending, chunk]);
      this.pending = undefined;
    }
    let off = 0;
    const total = buf.length;
    while (total - off >= 4) {
      const len = buf.readUInt32BE(off);
      if (len < HEADER_LENGTH || len > this.maxLength) {
        const id = total - off >= 8 ? buf.readUInt32BE(off + 4) : 0;
        const seq = total - off >= 16 ? buf.readUInt32BE(off + 12) : 0;
        this.onBadLength(len, id, seq);
        return;
      }
      if (total - off < len) break;
      this.onFrame(buf, off, len);
      off += len;
    }
    if (off < total) this.pending = off === 0 ? buf : buf.subarray(off);
  }

  reset(): void {
    this.pending = undefined;
  }
}
