import {
  formatReceipt,
  messageState,
  parseReceipt,
  type Receipt,
  receiptIdAndStat,
  receiptText,
} from '@gong/smpp-fleet/smpp/receipt';
import { describe, expect, it } from 'vitest';

describe('delivery receipt text (SMPP 3.4 appendix B)', () => {
  const submittedAt = Date.UTC(2026, 10, 21, 22, 30);
  const doneAt = Date.UTC(2026, 10, 21, 22, 31);

  it('reads back what it writes', () => {
    const receipt: Receipt = {
      id: 'a1b2',
      sub: 1,
      dlvrd: 1,
      submitDate: new Date(submittedAt),
      doneDate: new Date(doneAt),
      stat: 'DELIVRD',
      err: 0,
      text: 'hello there, this is longer than twenty',
    };
    const text = formatReceipt(receipt);
    expect(text).toBe(
      'id:a1b2 sub:001 dlvrd:001 submit date:2611212230 done date:2611212231 stat:DELIVRD err:000 text:hello there, this is',
    );
    expect(parseReceipt(text)).toEqual({ ...receipt, text: 'hello there, this is' });
    expect(receiptIdAndStat(text)).toEqual({ id: 'a1b2', stat: 'DELIVRD' });
  });

  it('takes the fields in any order and case, and says when a text is no receipt', () => {
    expect(receiptIdAndStat('stat:undeliv  err:001 ID:x9')).toEqual({ id: 'x9', stat: 'UNDELIV' });
    expect(receiptIdAndStat('hello id:1')).toBeUndefined();
    expect(parseReceipt('just a message')).toBeUndefined();
  });

  it("one message's receipt counts delivered and accepted as no error, and carry SMPP's message_state", () => {
    expect(receiptText('m1', 'DELIVRD', submittedAt, doneAt, 'x')).toContain('dlvrd:001');
    expect(receiptText('m1', 'ACCEPTD', submittedAt, doneAt, 'x')).toContain('dlvrd:000 submit');
    expect(receiptText('m1', 'ACCEPTD', submittedAt, doneAt, 'x')).toContain('err:000');
    expect(receiptText('m1', 'UNDELIV', submittedAt, doneAt, 'x')).toContain('err:001');
    expect(
      ['DELIVRD', 'EXPIRED', 'DELETED', 'UNDELIV', 'ACCEPTD', 'UNKNOWN', 'REJECTD'].map(messageState),
    ).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(messageState('WHATEVER')).toBe(7);
  });
});
