import { decodeWorkerEvent } from '@gong/core/analysis/fast-decode';
import { ExchangeRecord, VERDICTS } from '@gong/core/domain/exchange';
import { decodeBody, encodeBody } from '@gong/core/messages/codec';
import { packRecords, RecordPacker, unpackRecords } from '@gong/core/messages/packed-records';
import { WorkerEvent } from '@gong/core/messages/worker-event';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anExchange, T0, unanswered } from '../analysis/exchange-builders';

const record = fc
  .record({
    id: fc.stringMatching(/^[a-z0-9-]{1,20}$/),
    run: fc.constantFrom('run-1', 'run-2'),
    session: fc.boolean(),
    operatorId: fc.constantFrom('op-a', 'op-b'),
    msisdn: fc.stringMatching(/^[0-9]{6,15}$/),
    sequenceId: fc.option(fc.constantFrom('seq-1', 'seq-2'), { nil: undefined }),
    stepIndex: fc.nat(20),
    text: fc.string({ maxLength: 40 }),
    encoding: fc.constantFrom('auto', 'gsm7', 'ucs2', 'latin1'),
    expect: fc.option(
      fc.constantFrom(
        { kind: 'any' } as const,
        { kind: 'exact', text: 'pong' } as const,
        {
          kind: 'regex',
          pattern: '^ok',
          flags: 'i',
        } as const,
      ),
      { nil: undefined },
    ),
    intendedAt: fc.integer({ min: T0, max: T0 + 60_000 }),
    sendLag: fc.nat(5000),
    resp: fc.option(fc.nat(1000), { nil: undefined }),
    respStatus: fc.option(fc.nat(0x400), { nil: undefined }),
    reply: fc.option(fc.record({ after: fc.nat(30_000), text: fc.string({ maxLength: 40 }) }), {
      nil: undefined,
    }),
    verdict: fc.constantFrom(...VERDICTS),
  })
  .map((g) =>
    ExchangeRecord.parse({
      id: g.id,
      tenantId: 'tenant-a',
      scope: g.session ? { kind: 'session', sessionId: g.run } : { kind: 'run', runId: g.run },
      operatorId: g.operatorId,
      msisdn: g.msisdn,
      sequenceId: g.sequenceId,
      stepIndex: g.stepIndex,
      text: g.text,
      encoding: g.encoding,
      expect: g.expect,
      intendedAt: g.intendedAt,
      sentAt: g.intendedAt + g.sendLag,
      respAt: g.resp === undefined ? undefined : g.intendedAt + g.sendLag + g.resp,
      respStatus: g.respStatus,
      replyText: g.reply?.text,
      replyAt: g.reply === undefined ? undefined : g.intendedAt + g.sendLag + g.reply.after,
      verdict: g.verdict,
    }),
  );

const batchBody = (records: ExchangeRecord[]) =>
  encodeBody({
    type: 'results.batch',
    v: 1,
    batchId: 'b1',
    workerId: 'w1',
    tenantId: 'tenant-a',
    packed: packRecords(records),
    buckets: [],
  });

describe('packed records', () => {
  it('round-trips any records through the queue body, with both decoders', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), (records) => {
        const body = batchBody(records);
        const viaSchema = decodeBody(WorkerEvent, body);
        const viaFast = decodeWorkerEvent(body);
        expect(viaSchema.type === 'results.batch' && viaSchema.records).toEqual(
          records.map((r) => ExchangeRecord.parse(r)),
        );
        expect(viaFast).toEqual(viaSchema);
      }),
      { numRuns: 200 },
    );
  });

  it('rounds live sub-millisecond times and defaults a missing verdict to unanswered', () => {
    const packer = new RecordPacker();
    const { verdict: _v, ...live } = anExchange({ sentAt: T0 });
    packer.add({ ...live, intendedAt: T0 - 0.4, sentAt: T0 + 0.6, replyAt: T0 + 100.5 }, '-L1');
    const [r] = unpackRecords(packer.take()) as ExchangeRecord[];
    expect(r).toMatchObject({ intendedAt: T0, sentAt: T0 + 1, replyAt: T0 + 101, verdict: 'unanswered' });
    expect(r?.id.endsWith('-L1')).toBe(true);
  });

  it('sends repeated strings once: a 2,000-record batch is far smaller than the same records as objects', () => {
    const records = Array.from({ length: 2000 }, (_, i) =>
      i % 3 === 0 ? unanswered({ msisdn: `4915100${i}` }) : anExchange({ msisdn: `4915100${i}` }),
    );
    const packed = JSON.stringify(packRecords(records)).length;
    const plain = JSON.stringify(records).length;
    expect(packed).toBeLessThan(plain / 3);
  });

  it('refuses records of two tenants in one pack', () => {
    const packer = new RecordPacker();
    packer.add(anExchange());
    expect(() => packer.add(anExchange({ tenantId: 'tenant-b' }))).toThrow(/one tenant/);
  });

  it('a broken pack is a clear error, not a crash or a silent loss', () => {
    const good = packRecords([anExchange(), anExchange()]);
    expect(() => unpackRecords({ ...good, sent: [0] })).toThrow(/"sent" has 1 entries, expected 2/);
    expect(() => unpackRecords({ ...good, op: [0, 99] })).toThrow(/operator index 99 out of range/);
    expect(() => unpackRecords({ ...good, dict: 'x' })).toThrow(/"dict" is not an array/);
    expect(() => unpackRecords(null)).toThrow(/not an object/);
    const body = JSON.stringify({
      type: 'results.batch',
      v: 1,
      batchId: 'b',
      workerId: 'w',
      tenantId: 'tenant-a',
      packed: { ...good, verdict: [0, 99] },
      buckets: [],
    });
    expect(() => decodeWorkerEvent(body)).toThrow();
    expect(() => decodeBody(WorkerEvent, body)).toThrow();
  });
});
