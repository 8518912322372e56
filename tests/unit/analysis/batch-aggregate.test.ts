import { aggregateBatch } from '@gong/core/analysis/batch-aggregate';
import { mergeCells } from '@gong/core/analysis/cell';
import { numberStats } from '@gong/core/analysis/number-stats';
import { Histogram } from '@gong/core/stats/histogram';
import { describe, expect, it } from 'vitest';
import { aBatch, anExchange, T0, unanswered } from './exchange-builders';

describe('aggregateBatch', () => {
  it('folds records into per-second cells (hand-computed fixture)', () => {
    // arrange: second 0 of op-a: 3 sent (2 valid @100/200 ms, 1 unanswered); second 1: 1 invalid @50 ms;
    // op-b: one send answered with status 0x58 and one unexpected reply
    const batch = aBatch([
      anExchange({ sentAt: T0 + 10 }),
      anExchange({ sentAt: T0 + 900, intendedAt: T0 + 880, replyAt: T0 + 1080 }),
      unanswered({ sentAt: T0 + 500 }),
      anExchange({ sentAt: T0 + 1000, replyAt: T0 + 1050, verdict: 'invalid', replyText: 'nope' }),
      anExchange({
        operatorId: 'op-b',
        sentAt: T0 + 20,
        respStatus: 0x58,
        verdict: 'error',
        replyAt: undefined,
      }),
      anExchange({
        operatorId: 'op-b',
        sentAt: T0 + 30,
        intendedAt: T0 + 30,
        replyAt: T0 + 30,
        verdict: 'unexpected',
      }),
    ]);
    // act
    const agg = aggregateBatch(batch);
    // assert
    expect(agg.runs).toHaveLength(1);
    const cells = mergeCells(agg.runs[0]?.cells ?? []);
    const s0 = T0 / 1000;
    const a0 = cells.find((c) => c.operatorId === 'op-a' && c.second === s0);
    const a1 = cells.find((c) => c.operatorId === 'op-a' && c.second === s0 + 1);
    const b0 = cells.find((c) => c.operatorId === 'op-b' && c.second === s0);
    expect(a0).toMatchObject({ sent: 3, answered: 2, verdicts: { valid: 2, unanswered: 1 }, maxLagMs: 20 });
    const h0 = Histogram.fromData(a0?.latency ?? new Histogram().toData());
    expect([h0.count, h0.min, h0.max]).toEqual([2, 100, 200]);
    const h0actual = Histogram.fromData(a0?.latencyActual ?? new Histogram().toData());
    expect([h0actual.min, h0actual.max]).toEqual([100, 180]);
    expect(a1).toMatchObject({ sent: 1, answered: 1, verdicts: { invalid: 1 } });
    expect(b0).toMatchObject({
      sent: 1,
      answered: 0,
      verdicts: { error: 1, unexpected: 1 },
      errorsByStatus: { '0x58': 1 },
    });
  });

  it('computes per-number totals, rates and idle time', () => {
    const batch = aBatch([
      anExchange({ sentAt: T0, replyAt: T0 + 100 }),
      anExchange({ sentAt: T0 + 1000, replyAt: T0 + 1300, verdict: 'invalid' }),
      unanswered({ sentAt: T0 + 3000, respAt: T0 + 3010 }),
      anExchange({ msisdn: '491510000002', sentAt: T0 + 50 }),
    ]);
    const numbers = aggregateBatch(batch).runs[0]?.numbers ?? [];
    const n1 = numbers.find((n) => n.msisdn === '491510000001');
    expect(n1).toMatchObject({
      sent: 3,
      responses: 2,
      valid: 1,
      invalid: 1,
      unanswered: 1,
      busyMs: 100 + 300 + 10,
      firstAt: T0,
      lastAt: T0 + 3010,
    });
    if (!n1) throw new Error('number 1 missing');
    const stats = numberStats(n1);
    expect(stats.idleMs).toBe(3010 - 410);
    expect(stats.sentPerSec).toBeCloseTo(3 / 3.01, 6);
    expect(stats.responsesPerSec).toBeCloseTo(2 / 3.01, 6);
    expect(stats.meanLatencyMs).toBe(200);
  });

  it('keeps the earliest mismatches as examples and session records as log lines', () => {
    const batch = aBatch([
      anExchange({ sentAt: T0 + 500, verdict: 'invalid', replyText: 'late wrong' }),
      anExchange({ sentAt: T0 + 100, verdict: 'invalid', replyText: 'first wrong' }),
      anExchange({ sessionId: 'sess-1', sentAt: T0 + 7, text: 'HELLO', replyAt: T0 + 57 }),
    ]);
    const agg = aggregateBatch(batch);
    expect(agg.runs[0]?.examples.map((e) => e.replyText)).toEqual(['first wrong', 'late wrong']);
    expect(agg.sessions).toEqual([
      {
        sessionId: 'sess-1',
        entries: [
          expect.objectContaining({
            text: 'HELLO',
            encoding: 'gsm7',
            sentAt: T0 + 7,
            replyAt: T0 + 57,
            latencyMs: 50,
            verdict: 'valid',
          }),
        ],
      },
    ]);
  });

  it('uses worker pre-aggregates for the cells they cover', () => {
    const h = new Histogram(2);
    h.record(42);
    const batch = aBatch([anExchange({ sentAt: T0 + 10 }), anExchange({ sentAt: T0 + 1010 })], {
      buckets: [
        {
          runId: 'run-1',
          operatorId: 'op-a',
          second: T0 / 1000,
          sent: 10,
          answered: 1,
          verdicts: { valid: 1, unanswered: 9 },
          errorsByStatus: {},
          latency: h.toData(),
          maxLagMs: 3,
        },
      ],
    });
    const cells = mergeCells(aggregateBatch(batch).runs[0]?.cells ?? []);
    expect(cells.map((c) => [c.second - T0 / 1000, c.sent])).toEqual([
      [0, 10],
      [1, 1],
    ]);
    // records still feed the numbers
    expect(aggregateBatch(batch).runs[0]?.numbers[0]?.sent).toBe(2);
  });

  it('rejects records of another tenant', () => {
    expect(() => aggregateBatch(aBatch([anExchange({ tenantId: 'tenant-b' })]))).toThrow(/tenant/);
  });
});

describe('aggregateBatch cell keys', () => {
  it('keys cells by the intended second, so a late send counts where the worker bucket counts it', () => {
    const late = anExchange({ intendedAt: T0 + 990, sentAt: T0 + 1010, replyAt: T0 + 1100 });
    const cells = aggregateBatch(aBatch([late])).runs[0]?.cells ?? [];
    expect(cells.map((c) => [c.second - T0 / 1000, c.sent, c.maxLagMs])).toEqual([[0, 1, 20]]);
  });
});
