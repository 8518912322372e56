import type { Expectation } from '@gong/core/domain/expectation';
import type { LibraryEntry } from '@gong/core/domain/sequence';

/** The one expectation a session step can carry, built from a library entry's patterns, or why not. */
export type LibraryCheck = { ok: true; expect: Expectation } | { ok: false; reason: string };

/** Pattern kinds a library entry may hold (any / none are "no pattern" and "no reply", not patterns). */
export const PATTERN_KINDS = ['exact', 'contains', 'regex'] as const;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One pattern as a lookahead body that runs from the start of the reply. */
function lookahead(e: Expectation): string {
  switch (e.kind) {
    case 'exact':
      return `${escapeRegex(e.text)}(?![\\s\\S])`;
    case 'contains':
      return `[\\s\\S]*?${escapeRegex(e.text)}`;
    case 'regex':
      return `[\\s\\S]*?(?:${e.pattern})`;
    default:
      return '';
  }
}

/**
 * A library entry's check: the reply must match every one of its patterns. One pattern is sent as is;
 * several become one regex of lookaheads anchored at the start of the reply, so the worker (which
 * holds one expectation per message) judges all of them at once.
 */
export function libraryCheck(entry: Pick<LibraryEntry, 'expectedPatterns' | 'checkOutput'>): LibraryCheck {
  const patterns = entry.expectedPatterns;
  if (!entry.checkOutput || patterns.length === 0) return { ok: true, expect: { kind: 'any' } };
  const [only] = patterns;
  if (only && patterns.length === 1) return { ok: true, expect: only };
  if (patterns.some((p) => p.kind === 'any' || p.kind === 'none')) {
    return { ok: false, reason: '"any reply" and "no reply" cannot be combined with other patterns' };
  }
  const regexes = patterns.flatMap((p) => (p.kind === 'regex' ? [p] : []));
  const flags = regexes[0]?.flags ?? '';
  if (regexes.some((r) => [...r.flags].sort().join('') !== [...flags].sort().join(''))) {
    return { ok: false, reason: 'the regex patterns use different flags; give them the same flags' };
  }
  if (flags.includes('i') && regexes.length < patterns.length) {
    return { ok: false, reason: 'the i flag would make the text patterns case-insensitive too' };
  }
  if (regexes.length > 1 && regexes.some((r) => /\\[1-9]|\\k</.test(r.pattern))) {
    return { ok: false, reason: 'back-references cannot be combined with other regex patterns' };
  }
  const pattern = `(?<![\\s\\S])${patterns.map((p) => `(?=${lookahead(p)})`).join('')}`;
  if (pattern.length > 1000)
    return { ok: false, reason: 'the patterns are too long to combine (1000 characters)' };
  try {
    new RegExp(pattern, flags);
  } catch (e) {
    return { ok: false, reason: `the patterns do not combine: ${e instanceof Error ? e.message : e}` };
  }
  return { ok: true, expect: { kind: 'regex', pattern, flags } };
}
