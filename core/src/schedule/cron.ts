import { DomainError } from '../domain/errors';

/**
 * Cron expressions for saved schedules, evaluated in UTC like EventBridge Scheduler:
 * `m h dom mon dow` (5 fields) or EventBridge's `cron(m h dom mon dow year)` with `?`.
 * Supports `*`, lists `1,5`, ranges `1-5`, steps `*\/15` and `10-50/10`, month names JAN–DEC and
 * day names SUN–SAT (0 and 7 are Sunday). When both day-of-month and day-of-week are restricted a
 * day matches either (Vixie cron).
 */
export interface Cron {
  source: string;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  domRestricted: boolean;
  dowRestricted: boolean;
  years?: Set<number>;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  namesFrom?: number;
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day-of-week', min: 0, max: 7, names: DAYS, namesFrom: 0 },
  { name: 'year', min: 1970, max: 2199 },
];

function bad(source: string, message: string): DomainError {
  return new DomainError('VALIDATION', `cron "${source}": ${message}`);
}

function value(token: string, spec: FieldSpec, source: string): number {
  const upper = token.toUpperCase();
  const named = spec.names?.indexOf(upper.slice(0, 3)) ?? -1;
  if (named >= 0 && /^[A-Z]{3}$/.test(upper)) return named + (spec.namesFrom ?? 0);
  if (!/^\d+$/.test(token)) throw bad(source, `"${token}" is not a valid ${spec.name}`);
  const n = Number(token);
  if (n < spec.min || n > spec.max) throw bad(source, `${spec.name} ${n} is outside ${spec.min}–${spec.max}`);
  return n;
}

function field(text: string, spec: FieldSpec, source: string): { set: Set<number>; restricted: boolean } {
  const set = new Set<number>();
  if (text === '?') return { set: range(spec.min, spec.max), restricted: false };
  for (const part of text.split(',')) {
    const [rangeText = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1)
      throw bad(source, `step "${stepText}" in the ${spec.name} field must be a positive integer`);
    let from: number;
    let to: number;
    if (rangeText === '*') {
      from = spec.min;
      to = spec.max;
    } else if (rangeText.includes('-')) {
      const [a = '', b = ''] = rangeText.split('-');
      from = value(a, spec, source);
      to = value(b, spec, source);
      if (to < from) throw bad(source, `range ${rangeText} in the ${spec.name} field runs backwards`);
    } else {
      from = value(rangeText, spec, source);
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) set.add(v);
  }
  return { set, restricted: text !== '*' };
}

function range(from: number, to: number): Set<number> {
  const s = new Set<number>();
  for (let v = from; v <= to; v++) s.add(v);
  return s;
}

export function parseCron(source: string): Cron {
  const inner = /^cron\((.*)\)$/i.exec(source.trim())?.[1] ?? source.trim();
  const parts = inner.split(/\s+/).filter(Boolean);
  if (parts.length !== 5 && parts.length !== 6) {
    throw bad(
      source,
      `expected 5 fields (minute hour day-of-month month day-of-week) or EventBridge's 6 (… year), got ${parts.length}`,
    );
  }
  const [m, h, dom, mon, dow, year] = parts as [string, string, string, string, string, string | undefined];
  const specs = FIELDS as [FieldSpec, FieldSpec, FieldSpec, FieldSpec, FieldSpec, FieldSpec];
  const days = field(dom, specs[2], source);
  const weekdays = field(dow, specs[4], source);
  if (weekdays.set.has(7)) {
    weekdays.set.delete(7);
    weekdays.set.add(0);
  }
  return {
    source,
    minutes: field(m, specs[0], source).set,
    hours: field(h, specs[1], source).set,
    daysOfMonth: days.set,
    months: field(mon, specs[3], source).set,
    daysOfWeek: weekdays.set,
    domRestricted: days.restricted,
    dowRestricted: weekdays.restricted,
    ...(year !== undefined && year !== '*' ? { years: field(year, specs[5], source).set } : {}),
  };
}

function dayMatches(c: Cron, d: Date): boolean {
  const dom = c.daysOfMonth.has(d.getUTCDate());
  const dow = c.daysOfWeek.has(d.getUTCDay());
  if (c.domRestricted && c.dowRestricted) return dom || dow;
  if (c.domRestricted) return dom;
  if (c.dowRestricted) return dow;
  return true;
}

/** The first fire time strictly after `afterMs` (minute resolution, UTC), or undefined within ~5 years. */
export function nextFire(c: Cron, afterMs: number): number | undefined {
  const d = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  const limit = afterMs + 5 * 366 * 24 * 3600_000;
  while (d.getTime() <= limit) {
    if (c.years && !c.years.has(d.getUTCFullYear())) {
      d.setUTCFullYear(d.getUTCFullYear() + 1, 0, 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (!c.months.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(c, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (!c.hours.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
    } else if (!c.minutes.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
    } else {
      return d.getTime();
    }
  }
  return undefined;
}

/** Did the schedule fire in (fromMs, toMs]? Returns that fire time (the latest one) if so. */
export function firedBetween(c: Cron, fromMs: number, toMs: number): number | undefined {
  let last: number | undefined;
  let t = fromMs;
  for (;;) {
    const next = nextFire(c, t);
    if (next === undefined || next > toMs) return last;
    last = next;
    t = next;
  }
}
