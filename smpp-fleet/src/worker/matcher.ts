import { type Expectation, matches } from '@gong/core/domain/expectation';

export type Matcher = (reply: string) => boolean;

const cache = new WeakMap<Expectation, Matcher>();

/**
 * Compiles an expectation once (regexes built a single time per step, not per reply) with the same
 * meaning as `matches` from core: exact, contains, regex, any, none.
 */
export function compileExpectation(expectation: Expectation): Matcher {
  const hit = cache.get(expectation);
  if (hit !== undefined) return hit;
  let matcher: Matcher;
  if (expectation.kind === 'regex') {
    const re = new RegExp(expectation.pattern, expectation.flags.replace(/[gy]/g, ''));
    matcher = (reply) => re.test(reply);
  } else if (expectation.kind === 'any') {
    matcher = () => true;
  } else if (expectation.kind === 'none') {
    matcher = () => false;
  } else {
    matcher = (reply) => matches(expectation, reply);
  }
  cache.set(expectation, matcher);
  return matcher;
}
