/**
 * Reassembles multipart messages: parts may arrive in any order and more than once; a message
 * missing a part past `timeoutMs` is reported by `expire()` with what arrived and what is missing.
 *
 *   const r = new Reassembler({ timeoutMs: 30_000, clock });
 *   const out = r.push({ key: `${src}>${dst}`, ref, total, seq, dataCoding, bytes });
 *   if (out.kind === 'complete') use(out.text);
 *   for (const lost of r.expire()) report(lost);
 */
import type { Clock } from '../ports/clock';
import { decodeText } from './text-codec';

export interface IncomingPart {
  /** who talks to whom, e.g. `${sourceAddr}>${destinationAddr}` */
  key: string;
  ref: number;
  total: number;
  /** 1-based */
  seq: number;
  dataCoding: number;
  /** the part's text octets (UDH removed) */
  bytes: Uint8Array;
}

export type PushResult =
  | { kind: 'complete'; key: string; ref: number; total: number; text: string; firstAt: number }
  | { kind: 'pending'; received: number; total: number }
  | { kind: 'duplicate' }
  | { kind: 'invalid'; reason: string };

export interface IncompleteMessage {
  key: string;
  ref: number;
  total: number;
  received: number[];
  missing: number[];
  firstAt: number;
}

interface Pending {
  key: string;
  ref: number;
  total: number;
  dataCoding: number;
  parts: (Uint8Array | undefined)[];
  received: number;
  firstAt: number;
}

export class Reassembler {
  private readonly pending = new Map<string, Pending>();
  duplicates = 0;
  expired = 0;

  constructor(private readonly options: { timeoutMs: number; clock: Pick<Clock, 'now'> }) {}

  get size(): number {
    return this.pending.size;
  }

  push(p: IncomingPart): PushResult {
    if (!Number.isInteger(p.total) || p.total < 1 || p.total > 255)
      return { kind: 'invalid', reason: `total ${p.total}` };
    if (!Number.isInteger(p.seq) || p.seq < 1 || p.seq > p.total) {
      return { kind: 'invalid', reason: `part ${p.seq} of ${p.total}` };
    }
    if (p.total === 1) {
      return {
        kind: 'complete',
        key: p.key,
        ref: p.ref,
        total: 1,
        text: decodeText(p.bytes, p.dataCoding),
        firstAt: this.options.clock.now(),
      };
    }
    const id = `${p.key}\u0000${p.ref}\u0000${p.total}`;
    let m = this.pending.get(id);
    if (m === undefined) {
      m = {
        key: p.key,
        ref: p.ref,
        total: p.total,
        dataCoding: p.dataCoding,
        parts: new Array(p.total).fill(undefined),
        received: 0,
        firstAt: this.options.clock.now(),
      };
      this.pending.set(id, m);
    }
    if (m.parts[p.seq - 1] !== undefined) {
      this.duplicates++;
      return { kind: 'duplicate' };
    }
    m.parts[p.seq - 1] = p.bytes;
    m.received++;
    if (m.received < m.total) return { kind: 'pending', received: m.received, total: m.total };
    this.pending.delete(id);
    const size = m.parts.reduce((a, b) => a + (b?.length ?? 0), 0);
    const all = new Uint8Array(size);
    let off = 0;
    for (const part of m.parts) {
      all.set(part as Uint8Array, off);
      off += (part as Uint8Array).length;
    }
    return {
      kind: 'complete',
      key: m.key,
      ref: m.ref,
      total: m.total,
      text: decodeText(all, m.dataCoding),
      firstAt: m.firstAt,
    };
  }

  /** Drops and returns messages whose first part is older than timeoutMs. */
  expire(): IncompleteMessage[] {
    const now = this.options.clock.now();
    const out: IncompleteMessage[] = [];
    for (const [id, m] of this.pending) {
      if (now - m.firstAt < this.options.timeoutMs) continue;
      this.pending.delete(id);
      this.expired++;
      const received: number[] = [];
      const missing: number[] = [];
      for (let i = 0; i < m.parts.length; i++) (m.parts[i] === undefined ? missing : received).push(i + 1);
      out.push({ key: m.key, ref: m.ref, total: m.total, received, missing, firstAt: m.firstAt });
    }
    return out;
  }
}
