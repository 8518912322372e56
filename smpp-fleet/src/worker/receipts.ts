import type { Rng } from '@gong/core/rng';

/** SMPP 3.4 appendix B receipt text, e.g. `id:1a2b sub:001 dlvrd:001 submit date:2611212230 done date:… stat:DELIVRD err:000 text:…`. */
export function receiptText(
  messageId: string,
  stat: string,
  submittedAt: number,
  doneAt: number,
  text: string,
): string {
  const delivered = stat === 'DELIVRD' ? '001' : '000';
  const err = stat === 'DELIVRD' ? '000' : '001';
  return `id:${messageId} sub:001 dlvrd:${delivered} submit date:${smppDate(submittedAt)} done date:${smppDate(doneAt)} stat:${stat} err:${err} text:${text.slice(0, 20)}`;
}

/** Parses the id and stat of a receipt text; undefined when it is not one. */
export function parseReceipt(text: string): { messageId: string; stat: string } | undefined {
  const id = /(?:^|\s)id:(\S+)/i.exec(text);
  const stat = /(?:^|\s)stat:(\S+)/i.exec(text);
  return id?.[1] !== undefined && stat?.[1] !== undefined
    ? { messageId: id[1], stat: stat[1].toUpperCase() }
    : undefined;
}

/** message_state TLV value of a receipt stat (SMPP 3.4 5.2.28). */
export function messageState(stat: string): number {
  const states: Record<string, number> = {
    DELIVRD: 2,
    EXPIRED: 3,
    DELETED: 4,
    UNDELIV: 5,
    ACCEPTD: 6,
    UNKNOWN: 7,
    REJECTD: 8,
  };
  return states[stat] ?? 7;
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

function smppDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}
