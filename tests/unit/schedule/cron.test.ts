import { firedBetween, nextFire, parseCron } from '@gong/core/schedule/cron';
import { describe, expect, it } from 'vitest';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('cron', () => {
  it('finds the next nightly run', () => {
    expect(iso(nextFire(parseCron('30 2 * * *'), at('2026-11-21T22:35:00Z')))).toBe(
      '2026-11-22T02:30:00.000Z',
    );
    expect(iso(nextFire(parseCron('30 2 * * *'), at('2026-11-22T02:30:00Z')))).toBe(
      '2026-11-23T02:30:00.000Z',
    );
  });

  it('handles steps, ranges, names and weekdays', () => {
    expect(iso(nextFire(parseCron('*/15 9-17 * * MON-FRI'), at('2026-11-21T12:00:00Z')))).toBe(
      '2026-11-23T09:00:00.000Z',
    );
    expect(iso(nextFire(parseCron('0 0 1 JAN *'), at('2026-11-21T00:00:00Z')))).toBe(
      '2027-01-01T00:00:00.000Z',
    );
    expect(iso(nextFire(parseCron('0 12 * * 7'), at('2026-11-21T13:00:00Z')))).toBe(
      '2026-11-22T12:00:00.000Z',
    );
  });

  it('matches either restricted day field (Vixie semantics)', () => {
    // the 1st of the month OR a Monday
    expect(iso(nextFire(parseCron('0 0 1 * MON'), at('2026-11-24T00:00:00Z')))).toBe(
      '2026-11-30T00:00:00.000Z',
    );
  });

  it('accepts the EventBridge form with ? and a year', () => {
    expect(iso(nextFire(parseCron('cron(0 3 ? * MON *)'), at('2026-11-21T00:00:00Z')))).toBe(
      '2026-11-23T03:00:00.000Z',
    );
    expect(nextFire(parseCron('cron(0 3 * * ? 2025)'), at('2026-11-21T00:00:00Z'))).toBeUndefined();
  });

  it('reports whether a schedule fired in a window', () => {
    const c = parseCron('*/5 * * * *');
    expect(iso(firedBetween(c, at('2026-11-21T10:01:00Z'), at('2026-11-21T10:12:00Z')))).toBe(
      '2026-11-21T10:10:00.000Z',
    );
    expect(firedBetween(c, at('2026-11-21T10:01:00Z'), at('2026-11-21T10:04:59Z'))).toBeUndefined();
  });

  it.each([
    ['* * *', /expected 5 fields/],
    ['61 * * * *', /minute 61 is outside 0–59/],
    ['* * * FOO *', /"FOO" is not a valid month/],
    ['*/0 * * * *', /step "0"/],
    ['5-1 * * * *', /runs backwards/],
  ])('rejects %j clearly', (source, message) => {
    expect(() => parseCron(source)).toThrow(message);
  });
});
