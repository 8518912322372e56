import { formatCall, parseCall } from '@gong/core/scenario/commands';
import { describe, expect, it } from 'vitest';

describe('cmd call strings', () => {
  it('keeps a backslash that is not an escape, so regular expressions survive', () => {
    const call = parseCall('send(text="BAL", expect="^Your balance is \\d+ EUR\\.$")');
    expect(call).toMatchObject({ fn: 'send', expect: '^Your balance is \\d+ EUR\\.$' });
    expect(new RegExp((call as { expect: string }).expect).test('Your balance is 42 EUR.')).toBe(true);
  });

  it('still understands the escapes, and formatting round-trips', () => {
    const call = parseCall('send(text="say \\"hi\\"\\nback\\\\slash", expect="a\\sb")');
    expect(call).toMatchObject({ text: 'say "hi"\nback\\slash', expect: 'a\\sb' });
    expect(parseCall(formatCall(call))).toEqual(call);
  });
});
