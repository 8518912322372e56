import { z } from 'zod';

/** What a step expects back from the gateway. */
export const Expectation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exact'), text: z.string() }),
  z.object({ kind: z.literal('contains'), text: z.string().min(1) }),
  z.object({
    kind: z.literal('regex'),
    pattern: z.string().min(1).max(1000).refine(isValidRegex, { message: 'not a valid regular expression' }),
    flags: z
      .string()
      .regex(/^[imsu]*$/)
      .default(''),
  }),
  z.object({ kind: z.literal('any') }),
  z.object({ kind: z.literal('none') }),
]);
export type Expectation = z.infer<typeof Expectation>;

function isValidRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

/** Does `reply` satisfy the expectation? `none` is satisfied by no reply at all, so never by a reply. */
export function matches(expectation: Expectation, reply: string): boolean {
  switch (expectation.kind) {
    case 'exact':
      return reply === expectation.text;
    case 'contains':
      return reply.includes(expectation.text);
    case 'regex':
      return new RegExp(expectation.pattern, expectation.flags).test(reply);
    case 'any':
      return true;
    case 'none':
      return false;
  }
}

export function describeExpectation(e: Expectation): string {
  switch (e.kind) {
    case 'exact':
      return `exactly "${e.text}"`;
    case 'contains':
      return `text containing "${e.text}"`;
    case 'regex':
      return `text matching /${e.pattern}/${e.flags}`;
    case 'any':
      return 'any reply';
    case 'none':
      return 'no reply';
  }
}
