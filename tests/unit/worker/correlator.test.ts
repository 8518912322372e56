import type { Expectation } from '@gong/core/domain/expectation';
import { Correlator } from '@gong/smpp-fleet/worker/correlator';
import { Exchange, type StrayReply } from '@gong/smpp-fleet/worker/exchange';
import { compileExpectation } from '@gong/smpp-fleet/worker/matcher';
import { beforeEach, describe, expect, it } from 'vitest';

let settled: Exchange[];
let strays: StrayReply[];
let c: Correlator;
let seq = 0;

function send(msisdn: string, expect: Expectation, at: number, timeoutMs = 1000): Exchange {
  const ex = new Exchange(
    'e',
    seq++,
    't1',
    { kind: 'run', runId: 'r1' },
    'op1',
    msisdn,
    0,
    'ECHO',
    'auto',
    expect,
    compileExpectation(expect),
    timeoutMs,
    at,
    (e) => settled.push(e),
  );
  c.sent(ex, at + 0.25);
  return ex;
}

const exact = (text: string): Expectation => ({ kind: 'exact', text });

beforeEach(() => {
  settled = [];
  strays = [];
  c = new Correlator('op1', (s) => strays.push(s));
});

describe('Correlator', () => {
  it('matches out-of-order replies by expectation, not arrival order', () => {
    const a = send('4071', exact('A'), 0);
    const b = send('4071', exact('B'), 10);
    c.reply('4071', 'B', 30);
    c.reply('4071', 'A', 40);
    expect(b.verdict).toBe('valid');
    expect(a.verdict).toBe('valid');
    expect(a.replyAt).toBe(40);
    expect(settled.map((e) => e.id)).toEqual([b.id, a.id]);
    expect(c.pending).toBe(0);
  });

  it('pairs identical expectations oldest-first even when the gateway answers newest-first', () => {
    const first = send('4071', exact('OK'), 0);
    const second = send('4071', exact('OK'), 5);
    c.reply('4071', 'OK', 20);
    expect(first.verdict).toBe('valid');
    expect(second.verdict).toBeUndefined();
  });

  it('marks the oldest pending exchange invalid on a reply that matches nothing', () => {
    const a = send('4071', exact('A'), 0);
    send('4071', exact('B'), 1);
    c.reply('4071', 'wrong', 5);
    expect(a.verdict).toBe('invalid');
    expect(a.replyText).toBe('wrong');
  });

  it('keeps numbers apart', () => {
    const a = send('4071', exact('A'), 0);
    const b = send('4072', exact('A'), 0);
    c.reply('4072', 'A', 3);
    expect(b.verdict).toBe('valid');
    expect(a.verdict).toBeUndefined();
  });

  it('times out as unanswered, then reports a late reply, then duplicates of it', () => {
    const a = send('4071', exact('A'), 0, 100);
    c.sweep(99);
    expect(a.verdict).toBeUndefined();
    c.sweep(101);
    expect(a.verdict).toBe('unanswered');
    c.reply('4071', 'A', 150);
    expect(strays.map((s) => [s.verdict, s.exchange?.id])).toEqual([['late', a.id]]);
    c.reply('4071', 'A', 160);
    expect(strays[1]?.verdict).toBe('duplicate');
  });

  it('reports a repeated answer as duplicate and a reply with nothing outstanding as unexpected', () => {
    const a = send('4071', exact('A'), 0);
    c.reply('4071', 'A', 10);
    c.reply('4071', 'A', 12);
    c.reply('4079', 'hello', 13);
    expect(a.verdict).toBe('valid');
    expect(strays.map((s) => s.verdict)).toEqual(['duplicate', 'unexpected']);
    expect(strays[1]?.msisdn).toBe('4079');
  });

  it('remembers the last settled exchanges of a number in copies, oldest forgotten first', () => {
    const [a, b, d] = [send('4071', exact('A'), 0), send('4071', exact('B'), 1), send('4071', exact('C'), 2)];
    c = new Correlator('op1', (s) => strays.push(s), { recentPerNumber: 2 });
    for (const ex of [a, b, d]) c.sent(ex, ex.intendedAt);
    c.reply('4071', 'A', 10);
    c.reply('4071', 'B', 11);
    c.reply('4071', 'C', 12);
    c.reply('4071', 'C', 13);
    c.reply('4071', 'B', 14);
    c.reply('4071', 'A', 15);
    expect(strays.map((s) => [s.verdict, s.exchange?.id])).toEqual([
      ['duplicate', d.id],
      ['duplicate', b.id],
      ['unexpected', undefined],
    ]);
    // a copy with the exchange's fields, not the exchange itself (which the correlator lets go)
    const copy = strays[0]?.exchange;
    expect(copy).not.toBe(d);
    expect(copy?.toRecord()).toEqual(d.toRecord());
    expect({ ...copy }).toEqual({ ...d, strays: 1 });
  });

  it('counts late and duplicate replies of both paths (by number, by message id) on one exchange', () => {
    const seen: [string, number | undefined][] = [];
    c = new Correlator('op1', (s) => seen.push([s.verdict, s.exchange?.strays]));
    const a = send('4071', exact('A'), 0, 100);
    c.sweep(101);
    c.reply('4071', 'A', 150);
    c.replyTo(a, 'id:1 stat:DELIVRD', 160, true);
    // the second is not "late" again: record ids (…-L1, …-D2) stay unique
    expect(seen).toEqual([
      ['late', 1],
      ['duplicate', 2],
    ]);
  });

  it('settles a non-zero response status as error, with the status', () => {
    const a = send('4071', exact('A'), 0);
    c.response(a, 0x58, 3);
    expect(a.verdict).toBe('error');
    expect(a.respStatus).toBe(0x58);
    expect(c.pending).toBe(0);
  });

  it('treats an expectation of no reply as valid on timeout and invalid on a reply', () => {
    const quiet = send('4071', { kind: 'none' }, 0, 100);
    c.sweep(200);
    expect(quiet.verdict).toBe('valid');
    const noisy = send('4072', { kind: 'none' }, 0, 100);
    c.reply('4072', 'surprise', 50);
    expect(noisy.verdict).toBe('invalid');
  });

  it('uses precompiled regexes with the expectation flags', () => {
    const a = send('4071', { kind: 'regex', pattern: '^balance is \\d+', flags: 'i' }, 0);
    c.reply('4071', 'Balance is 42 EUR', 9);
    expect(a.verdict).toBe('valid');
  });
});
