/**
 * Keyword rules the simulated application answers MO with. First match wins; no match → helpText.
 * A rule matches by `keyword` (first word, case-insensitive) or `regex` (against the whole text).
 * Reply templates: {text} whole MO, {rest} text after the keyword, {from} sender, {to} short code,
 * {1}..{9} regex groups.  Defaults: BAL → "Your balance is 42 EUR", ECHO x → "x".
 */
import { z } from 'zod';

export const Rule = z
  .object({
    keyword: z.string().min(1).optional(),
    regex: z.string().min(1).optional(),
    reply: z.string(),
  })
  .refine((r) => (r.keyword === undefined) !== (r.regex === undefined), {
    message: 'a rule needs exactly one of "keyword" or "regex"',
  })
  .refine(
    (r) => {
      if (r.regex === undefined) return true;
      try {
        new RegExp(r.regex, 'i');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'invalid regular expression' },
  );
export type Rule = z.infer<typeof Rule>;

export const DEFAULT_RULES: Rule[] = [
  { keyword: 'BAL', reply: 'Your balance is 42 EUR' },
  { keyword: 'ECHO', reply: '{rest}' },
];
export const DEFAULT_HELP = 'Unknown command. Send BAL for your balance or ECHO <text> to get <text> back.';

interface Compiled {
  keyword: string | undefined;
  regex: RegExp | undefined;
  reply: string;
}

export type Responder = (text: string, from: string, to: string) => string;

export function compileRules(rules: Rule[], helpText: string): Responder {
  const compiled: Compiled[] = rules.map((r) => ({
    keyword: r.keyword?.toUpperCase(),
    regex: r.regex === undefined ? undefined : new RegExp(r.regex, 'i'),
    reply: r.reply,
  }));
  return (text, from, to) => {
    const trimmed = text.trim();
    const space = trimmed.search(/\s/);
    const first = (space === -1 ? trimmed : trimmed.slice(0, space)).toUpperCase();
    const rest = space === -1 ? '' : trimmed.slice(space + 1).trim();
    for (const r of compiled) {
      let groups: string[] = [];
      if (r.keyword !== undefined) {
        if (first !== r.keyword) continue;
      } else if (r.regex !== undefined) {
        const m = r.regex.exec(trimmed);
        if (m === null) continue;
        groups = m.slice(1).map((g) => g ?? '');
      }
      return r.reply.replace(/\{(text|rest|from|to|[1-9])\}/g, (_, k: string) => {
        if (k === 'text') return text;
        if (k === 'rest') return rest;
        if (k === 'from') return from;
        if (k === 'to') return to;
        return groups[Number(k) - 1] ?? '';
      });
    }
    return helpText;
  };
}
