/** What one batch saw of one number of a run; deltas add up (sums) and fold (min/max). */
export interface NumberDelta {
  msisdn: string;
  operatorId: string;
  sent: number;
  responses: number;
  valid: number;
  invalid: number;
  unanswered: number;
  /** Σ time with this exchange outstanding (send → reply, or → resp when never answered), ms */
  busyMs: number;
  /** Σ latency from intended send time of answered exchanges, ms */
  latencySumMs: number;
  firstAt: number;
  lastAt: number;
}

/** Per-number analytics of a run, as the results table shows them. */
export interface NumberStats extends NumberDelta {
  sentPerSec: number;
  responsesPerSec: number;
  /** time between first and last activity with nothing outstanding, ms */
  idleMs: number;
  meanLatencyMs: number;
}

export function addNumberDelta(into: NumberDelta, d: NumberDelta): void {
  into.sent += d.sent;
  into.responses += d.responses;
  into.valid += d.valid;
  into.invalid += d.invalid;
  into.unanswered += d.unanswered;
  into.busyMs += d.busyMs;
  into.latencySumMs += d.latencySumMs;
  if (d.firstAt < into.firstAt) into.firstAt = d.firstAt;
  if (d.lastAt > into.lastAt) into.lastAt = d.lastAt;
}

export function mergeNumberDeltas(deltas: Iterable<NumberDelta>): NumberDelta[] {
  const byNumber = new Map<string, NumberDelta>();
  for (const d of deltas) {
    const cur = byNumber.get(d.msisdn);
    if (cur) addNumberDelta(cur, d);
    else byNumber.set(d.msisdn, { ...d });
  }
  return [...byNumber.values()];
}

/**
 * Rates are over the number's active span (first to last activity, at least 1 s). Idle time is the
 * span minus the time exchanges were outstanding: exact when a number has one exchange in flight at
 * a time (a conversation), a lower bound otherwise.
 */
export function numberStats(d: NumberDelta): NumberStats {
  const spanMs = Math.max(0, d.lastAt - d.firstAt);
  const spanSec = Math.max(1, spanMs / 1000);
  return {
    ...d,
    sentPerSec: d.sent / spanSec,
    responsesPerSec: d.responses / spanSec,
    idleMs: Math.max(0, spanMs - d.busyMs),
    meanLatencyMs: d.responses === 0 ? 0 : d.latencySumMs / d.responses,
  };
}

/** Compact row form for storage: 12 fields in a fixed order. */
export type NumberRow = [
  string,
  string,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

export function toRow(d: NumberDelta): NumberRow {
  return [
    d.msisdn,
    d.operatorId,
    d.sent,
    d.responses,
    d.valid,
    d.invalid,
    d.unanswered,
    d.busyMs,
    d.latencySumMs,
    d.firstAt,
    d.lastAt,
  ];
}

export function fromRow(r: NumberRow): NumberDelta {
  const [
    msisdn,
    operatorId,
    sent,
    responses,
    valid,
    invalid,
    unanswered,
    busyMs,
    latencySumMs,
    firstAt,
    lastAt,
  ] = r;
  return {
    msisdn,
    operatorId,
    sent,
    responses,
    valid,
    invalid,
    unanswered,
    busyMs,
    latencySumMs,
    firstAt,
    lastAt,
  };
}
