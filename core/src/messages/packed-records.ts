import type { ExchangeRecord } from '../domain/exchange';
import { VERDICTS, type Verdict } from '../domain/exchange';

/**
 * The wire form of a results batch's exchange records: columns instead of objects. Strings that
 * repeat across a batch (operator, run, texts, expectation) are sent once; times are small deltas.
 * Producing it costs a few array pushes per record (no per-record object, no per-record keys in the
 * JSON), which keeps the worker's hot path and its event-loop pauses short; `unpackRecords` turns it
 * back into plain record objects for the usual validation.
 *
 *   at      intendedAt − t0          sent    sentAt − intendedAt
 *   resp    respAt − sentAt | null    reply   replyAt − sentAt | null
 *   op, seq, text, enc, rtext        indexes into `dict` (null when absent)
 *   scope, expect                    indexes into `scopes` / `expects` (expect null when absent)
 *   verdict                          index into VERDICTS
 */
export interface PackedRecords {
  n: number;
  t0: number;
  dict: string[];
  scopes: ExchangeRecord['scope'][];
  expects: NonNullable<ExchangeRecord['expect']>[];
  id: string[];
  msisdn: string[];
  scope: number[];
  op: number[];
  seq: (number | null)[];
  step: number[];
  text: number[];
  enc: number[];
  expect: (number | null)[];
  at: number[];
  sent: number[];
  resp: (number | null)[];
  status: (number | null)[];
  rtext: (number | null)[];
  reply: (number | null)[];
  verdict: number[];
}

/** What the packer reads (all records of one pack belong to one tenant: the batch's): an ExchangeRecord, or a live object with the same fields (times may be fractional). */
export interface RecordSource {
  readonly id: string;
  readonly tenantId: string;
  readonly scope: ExchangeRecord['scope'];
  readonly operatorId: string;
  readonly msisdn: string;
  readonly sequenceId?: string | undefined;
  readonly stepIndex: number;
  readonly text: string;
  readonly encoding: ExchangeRecord['encoding'];
  readonly expect?: ExchangeRecord['expect'] | undefined;
  readonly intendedAt: number;
  readonly sentAt: number;
  readonly respAt?: number | undefined;
  readonly respStatus?: number | undefined;
  readonly replyText?: string | undefined;
  readonly replyAt?: number | undefined;
  readonly verdict?: Verdict | undefined;
}

const VERDICT_INDEX = new Map<string, number>(VERDICTS.map((v, i) => [v, i]));
const MAX_TEXT = 10_000;

export class RecordPacker {
  /**
   * `exact` keeps sub-millisecond times (for handing live records between threads); the default
   * rounds to whole milliseconds, as records are on the wire.
   */
  constructor(private readonly exact = false) {}

  private p: PackedRecords = emptyPacked();
  private tenantId: string | undefined;
  private readonly dictIndex = new Map<string, number>();
  private readonly scopeIndex = new Map<ExchangeRecord['scope'], number>();
  private readonly scopeKeyIndex = new Map<string, number>();
  private readonly expectIndex = new Map<object, number>();
  /** rough size of the JSON so far, to seal batches before the queue's message limit */
  approxBytes = 0;

  get size(): number {
    return this.p.n;
  }

  add(r: RecordSource, idSuffix = ''): void {
    const p = this.p;
    const intendedAt = this.ms(r.intendedAt);
    const sentAt = this.ms(r.sentAt);
    if (p.n === 0) {
      p.t0 = intendedAt;
      this.tenantId = r.tenantId;
    } else if (r.tenantId !== this.tenantId) {
      throw new Error(`packed records: one batch, one tenant (got ${r.tenantId} after ${this.tenantId})`);
    }
    const id = r.id + idSuffix;
    p.id.push(id);
    p.msisdn.push(r.msisdn);
    p.scope.push(this.scopeRef(r.scope));
    p.op.push(this.str(r.operatorId));
    p.seq.push(r.sequenceId === undefined ? null : this.str(r.sequenceId));
    p.step.push(r.stepIndex);
    p.text.push(this.str(r.text));
    p.enc.push(this.str(r.encoding));
    p.expect.push(r.expect === undefined ? null : this.expectRef(r.expect));
    p.at.push(intendedAt - p.t0);
    p.sent.push(sentAt - intendedAt);
    p.resp.push(r.respAt === undefined ? null : this.ms(r.respAt) - sentAt);
    p.status.push(r.respStatus ?? null);
    p.rtext.push(r.replyText === undefined ? null : this.str(r.replyText.slice(0, MAX_TEXT)));
    p.reply.push(r.replyAt === undefined ? null : this.ms(r.replyAt) - sentAt);
    p.verdict.push(VERDICT_INDEX.get(r.verdict ?? 'unanswered') ?? 0);
    p.n++;
    this.approxBytes += 64 + id.length + r.msisdn.length;
  }

  /** Hands over the columns packed so far and starts empty. */
  take(): PackedRecords {
    const out = this.p;
    this.p = emptyPacked();
    this.dictIndex.clear();
    this.scopeIndex.clear();
    this.scopeKeyIndex.clear();
    this.expectIndex.clear();
    this.approxBytes = 0;
    return out;
  }

  private ms(t: number): number {
    return this.exact ? t : Math.round(t);
  }

  private str(s: string): number {
    let i = this.dictIndex.get(s);
    if (i === undefined) {
      i = this.p.dict.push(s) - 1;
      this.dictIndex.set(s, i);
      this.approxBytes += s.length + 3;
    }
    return i;
  }

  private scopeRef(scope: ExchangeRecord['scope']): number {
    let i = this.scopeIndex.get(scope);
    if (i !== undefined) return i;
    const key = scope.kind === 'run' ? `r:${scope.runId}` : `s:${scope.sessionId}`;
    i = this.scopeKeyIndex.get(key);
    if (i === undefined) {
      i = this.p.scopes.push(scope) - 1;
      this.scopeKeyIndex.set(key, i);
      this.approxBytes += key.length + 30;
    }
    this.scopeIndex.set(scope, i);
    return i;
  }

  private expectRef(e: NonNullable<ExchangeRecord['expect']>): number {
    let i = this.expectIndex.get(e);
    if (i === undefined) {
      i = this.p.expects.push(e) - 1;
      this.expectIndex.set(e, i);
      this.approxBytes += 80;
    }
    return i;
  }
}

export function packRecords(records: readonly RecordSource[]): PackedRecords {
  const packer = new RecordPacker();
  for (const r of records) packer.add(r);
  return packer.take();
}

function emptyPacked(): PackedRecords {
  return {
    n: 0,
    t0: 0,
    dict: [],
    scopes: [],
    expects: [],
    id: [],
    msisdn: [],
    scope: [],
    op: [],
    seq: [],
    step: [],
    text: [],
    enc: [],
    expect: [],
    at: [],
    sent: [],
    resp: [],
    status: [],
    rtext: [],
    reply: [],
    verdict: [],
  };
}

const COLUMNS = [
  'id',
  'msisdn',
  'scope',
  'op',
  'seq',
  'step',
  'text',
  'enc',
  'expect',
  'at',
  'sent',
  'resp',
  'status',
  'rtext',
  'reply',
  'verdict',
] as const;

/**
 * Turns packed columns back into plain record objects (not yet validated: the caller runs them through
 * the record schema). A structurally broken pack throws an Error that says what is wrong.
 */
export function unpackRecords(raw: unknown): unknown[] {
  if (typeof raw !== 'object' || raw === null) throw new Error('packed records: not an object');
  const p = raw as Record<string, unknown>;
  const n = p.n;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Error('packed records: bad n');
  if (typeof p.t0 !== 'number') throw new Error('packed records: bad t0');
  for (const key of ['dict', 'scopes', 'expects', ...COLUMNS]) {
    const col = p[key];
    if (!Array.isArray(col)) throw new Error(`packed records: "${key}" is not an array`);
    if ((COLUMNS as readonly string[]).includes(key) && col.length !== n)
      throw new Error(`packed records: "${key}" has ${col.length} entries, expected ${n}`);
  }
  const c = p as unknown as PackedRecords;
  const ref = <T>(table: readonly T[], i: number | null, what: string): T | undefined => {
    if (i === null) return undefined;
    const v = table[i];
    if (v === undefined) throw new Error(`packed records: ${what} index ${i} out of range`);
    return v;
  };
  const add = (a: number, b: number | null) => (b === null ? undefined : a + b);
  const out: unknown[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const intendedAt = c.t0 + (c.at[k] as number);
    const sentAt = intendedAt + (c.sent[k] as number);
    const record: Record<string, unknown> = {
      id: c.id[k],
      tenantId: undefined,
      scope: ref(c.scopes, c.scope[k] as number, 'scope'),
      operatorId: ref(c.dict, c.op[k] as number, 'operator'),
      msisdn: c.msisdn[k],
      stepIndex: c.step[k],
      text: ref(c.dict, c.text[k] as number, 'text'),
      encoding: ref(c.dict, c.enc[k] as number, 'encoding'),
      intendedAt,
      sentAt,
      verdict: VERDICTS[c.verdict[k] as number],
    };
    const seq = ref(c.dict, c.seq[k] ?? null, 'sequence');
    if (seq !== undefined) record.sequenceId = seq;
    const expect = ref(c.expects, c.expect[k] ?? null, 'expectation');
    if (expect !== undefined) record.expect = expect;
    const respAt = add(sentAt, c.resp[k] ?? null);
    if (respAt !== undefined) record.respAt = respAt;
    if (c.status[k] !== null && c.status[k] !== undefined) record.respStatus = c.status[k];
    const replyText = ref(c.dict, c.rtext[k] ?? null, 'reply text');
    if (replyText !== undefined) record.replyText = replyText;
    const replyAt = add(sentAt, c.reply[k] ?? null);
    if (replyAt !== undefined) record.replyAt = replyAt;
    out[k] = record;
  }
  return out;
}

/**
 * A decoded queue body whose results batch carries `packed` columns gets its `records` back (tenantId
 * filled from the batch). Any other value is returned as is.
 */
export function expandPackedBatch(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const e = raw as Record<string, unknown>;
  if (e.type !== 'results.batch' || e.packed === undefined) return raw;
  const { packed, ...rest } = e;
  const records = unpackRecords(packed) as Record<string, unknown>[];
  for (const r of records) r.tenantId = e.tenantId;
  return { ...rest, records };
}
