import { DomainError } from '../domain/errors';

/** k6-style pass/fail rules on a run summary: `p95<500ms`, `p99<=2s`, `drop<1%`, `invalid<0.5%`. */
export type ThresholdMetric = 'p50' | 'p90' | 'p95' | 'p99' | 'max' | 'mean' | 'drop' | 'invalid';
export type ThresholdOp = '<' | '<=' | '>' | '>=';

export interface Threshold {
  source: string;
  metric: ThresholdMetric;
  op: ThresholdOp;
  /** milliseconds for latency metrics, percent for drop/invalid */
  limit: number;
}

export interface ThresholdResult {
  threshold: string;
  actual: number;
  unit: 'ms' | '%';
  pass: boolean;
}

/** The numbers thresholds are checked against (a subset of the analyzer's RunSummary). */
export interface ThresholdSubject {
  dropPct: number;
  totals: { sent: number; invalid: number };
  latency: { intended: { p50: number; p90: number; p95: number; p99: number; max: number; mean: number } };
}

const PATTERN =
  /^\s*(p50|p90|p95|p99|max|mean|drop|invalid)\s*(<=|<|>=|>)\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s|%)?\s*$/;
const PERCENT_METRICS = new Set<ThresholdMetric>(['drop', 'invalid']);

export function parseThreshold(source: string): Threshold {
  const m = PATTERN.exec(source);
  if (!m) {
    throw new DomainError(
      'VALIDATION',
      `threshold "${source}" is not understood: write <metric><op><value><unit>, e.g. "p95<500ms", "p99<=2s", "drop<1%" (metrics: p50 p90 p95 p99 max mean drop invalid)`,
    );
  }
  const metric = m[1] as ThresholdMetric;
  const unit = m[4];
  const value = Number(m[3]);
  if (PERCENT_METRICS.has(metric) && unit !== undefined && unit !== '%') {
    throw new DomainError(
      'VALIDATION',
      `threshold "${source}": ${metric} is a percentage, write e.g. "${metric}<1%"`,
    );
  }
  if (!PERCENT_METRICS.has(metric) && unit === '%') {
    throw new DomainError(
      'VALIDATION',
      `threshold "${source}": ${metric} is a latency, write e.g. "${metric}<500ms"`,
    );
  }
  return {
    source: source.trim(),
    metric,
    op: m[2] as ThresholdOp,
    limit: unit === 's' ? value * 1000 : value,
  };
}

function actualOf(metric: ThresholdMetric, s: ThresholdSubject): number {
  switch (metric) {
    case 'drop':
      return s.dropPct;
    case 'invalid':
      return s.totals.sent === 0 ? 0 : (s.totals.invalid / s.totals.sent) * 100;
    default:
      return s.latency.intended[metric];
  }
}

function holds(actual: number, op: ThresholdOp, limit: number): boolean {
  switch (op) {
    case '<':
      return actual < limit;
    case '<=':
      return actual <= limit;
    case '>':
      return actual > limit;
    case '>=':
      return actual >= limit;
  }
}

export function evaluateThresholds(sources: string[], subject: ThresholdSubject): ThresholdResult[] {
  return sources.map((source) => {
    const t = parseThreshold(source);
    const actual = actualOf(t.metric, subject);
    return {
      threshold: t.source,
      actual,
      unit: PERCENT_METRICS.has(t.metric) ? '%' : 'ms',
      pass: holds(actual, t.op, t.limit),
    };
  });
}
