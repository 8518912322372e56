/**
 * SMPP 3.4 delivery receipt text (Appendix B), as sent in deliver_sm with esm_class 0x04:
 *   id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...
 * `formatReceipt` builds it, `parseReceipt` reads it back (tolerant of field order and extra spaces).
 */
export interface Receipt {
  id: string;
  sub: number;
  dlvrd: number;
  submitDate: Date;
  doneDate: Date;
  stat: string;
  err: number;
  text: string;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** YYMMDDhhmm in UTC */
export function receiptDate(d: Date): string {
  return `${pad(d.getUTCFullYear() % 100, 2)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}`;
}

export function formatReceipt(r: Receipt): string {
  return `id:${r.id} sub:${pad(r.sub, 3)} dlvrd:${pad(r.dlvrd, 3)} submit date:${receiptDate(r.submitDate)} done date:${receiptDate(r.doneDate)} stat:${r.stat} err:${pad(r.err, 3)} text:${r.text.slice(0, 20)}`;
}

/**
 * The receipt of one message sent as one part (sub 001): delivered counts as delivered, and
 * delivered and accepted as no error.
 */
export function receiptText(
  id: string,
  stat: string,
  submittedAt: number,
  doneAt: number,
  text: string,
): string {
  return formatReceipt({
    id,
    sub: 1,
    dlvrd: stat === 'DELIVRD' ? 1 : 0,
    submitDate: new Date(submittedAt),
    doneDate: new Date(doneAt),
    stat,
    err: stat === 'DELIVRD' || stat === 'ACCEPTD' ? 0 : 1,
    text,
  });
}

function parseDate(s: string | undefined): Date | undefined {
  if (s === undefined || !/^\d{10}(\d{2})?$/.test(s)) return undefined;
  const n = (i: number) => Number(s.slice(i, i + 2));
  return new Date(Date.UTC(2000 + n(0), n(2) - 1, n(4), n(6), n(8), s.length === 12 ? n(10) : 0));
}

/** The id and stat of a receipt text, without the rest (no dates); undefined when it is not one. */
export function receiptIdAndStat(text: string): { id: string; stat: string } | undefined {
  const id = /(?:^|\s)id:(\S*)/i.exec(text)?.[1];
  const stat = /(?:^|\s)stat:(\S*)/i.exec(text)?.[1];
  return id === undefined || stat === undefined ? undefined : { id, stat: stat.toUpperCase() };
}

/** undefined when the text is not a receipt (no id: or no stat:). */
export function parseReceipt(text: string): Receipt | undefined {
  const head = receiptIdAndStat(text);
  if (head === undefined) return undefined;
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S*)`, 'i').exec(text)?.[1];
  const textMatch = /(?:^|\s)text:(.*)$/is.exec(text);
  return {
    id: head.id,
    sub: Number(field('sub') ?? 0) || 0,
    dlvrd: Number(field('dlvrd') ?? 0) || 0,
    submitDate: parseDate(field('submit date') ?? /submit date:(\d+)/i.exec(text)?.[1]) ?? new Date(0),
    doneDate: parseDate(/done date:(\d+)/i.exec(text)?.[1]) ?? new Date(0),
    stat: head.stat,
    err: Number.parseInt(field('err') ?? '0', 10) || 0,
    text: textMatch?.[1] ?? '',
  };
}

/** message_state TLV value of each receipt stat (SMPP 3.4 5.2.28) */
const MESSAGE_STATE: Record<string, number> = {
  DELIVRD: 2,
  EXPIRED: 3,
  DELETED: 4,
  UNDELIV: 5,
  ACCEPTD: 6,
  UNKNOWN: 7,
  REJECTD: 8,
};

/** message_state TLV value of a receipt stat; UNKNOWN (7) for a stat SMPP 3.4 does not name. */
export const messageState = (stat: string): number => MESSAGE_STATE[stat] ?? 7;
