import type { Rng } from '@gong/core/rng';
import { formatReceipt } from '../smpp/receipt';

/**
 * SMPP 3.4 appendix B receipt text for one message, e.g. `id:1a2b sub:001 dlvrd:001 submit date:2611212230
 * done date:… stat:DELIVRD err:000 text:…` (delivered and accepted count as no error).
 */
export function receiptText(
  messageId: string,
  stat: string,
  submittedAt: number,
  doneAt: number,
  text: string,
): string {
  const ok = stat === 'DELIVRD' || stat === 'ACCEPTD';
  return formatReceipt({
    id: messageId,
    sub: 1,
    dlvrd: stat === 'DELIVRD' ? 1 : 0,
    submitDate: new Date(submittedAt),
    doneDate: new Date(doneAt),
    stat,
    err: ok ? 0 : 1,
    text,
  });
}

/** Draws a final state from a weight mix such as { DELIVRD: 0.95, UNDELIV: 0.05 } (DELIVRD when empty). */
export function pickStatus(mix: Record<string, number>, rng: Rng): string {
  let total = 0;
  for (const w of Object.values(mix)) total += w;
  if (total <= 0) return 'DELIVRD';
  let r = rng.next() * total;
  for (const [stat, w] of Object.entries(mix)) {
    r -= w;
    if (r < 0) return stat;
  }
  return Object.keys(mix)[0] ?? 'DELIVRD';
}
