import { Exchange, RecordIds } from '@gong/smpp-fleet/worker/exchange';
import { compileExpectation } from '@gong/smpp-fleet/worker/matcher';
import { describe, expect, it } from 'vitest';

function anExchange(ids: RecordIds): Exchange {
  const expect = { kind: 'exact', text: 'pong' } as const;
  return new Exchange(
    ids.prefix,
    ids.next(),
    't1',
    { kind: 'run', runId: 'r1' },
    'op1',
    '4071',
    0,
    'ECHO pong',
    'auto',
    expect,
    compileExpectation(expect),
    1000,
    1_700_000_000_000.25,
    () => {},
  );
}

describe('record ids', () => {
  it('are the worker prefix and a base-36 counter, the same string for an exchange and its copy', () => {
    const ids = new RecordIds('w1');
    const exchanges = Array.from({ length: 40 }, () => anExchange(ids));
    expect(exchanges.slice(0, 3).map((e) => e.id)).toEqual(['w10', 'w11', 'w12']);
    expect(exchanges[36]?.id).toBe('w110');
    expect(ids.nextId()).toBe('w114');
    expect(new Set(exchanges.map((e) => e.id)).size).toBe(40);
    const ex = exchanges[5] as Exchange;
    const copy = Exchange.blank().copyFrom(ex);
    expect(copy.id).toBe('w15');
    expect(copy.is(ex)).toBe(true);
    expect(copy.is(exchanges[6] as Exchange)).toBe(false);
    expect(copy.is(Exchange.blank().copyFrom(anExchange(new RecordIds('w2'))))).toBe(false);
  });
});

describe('exchange times', () => {
  it('response and reply times read undefined until set, keep sub-ms precision, and can be cleared', () => {
    const ex = anExchange(new RecordIds('w'));
    expect([ex.respAt, ex.replyAt]).toEqual([undefined, undefined]);
    expect(ex.toRecord()).not.toHaveProperty('respAt');
    expect(ex.toRecord()).not.toHaveProperty('replyAt');
    ex.respAt = 1_700_000_000_003.5;
    ex.replyAt = 1_700_000_000_050.75;
    expect([ex.respAt, ex.replyAt]).toEqual([1_700_000_000_003.5, 1_700_000_000_050.75]);
    expect(ex.toRecord()).toMatchObject({ respAt: 1_700_000_000_004, replyAt: 1_700_000_000_051 });
    const copy = Exchange.blank().copyFrom(ex);
    expect([copy.respAt, copy.replyAt]).toEqual([ex.respAt, ex.replyAt]);
    ex.replyAt = undefined;
    expect(ex.replyAt).toBeUndefined();
    expect(copy.replyAt).toBe(1_700_000_000_050.75);
  });
});
