/**
 * Joins multipart messages (UDH or SAR parts) per sender/recipient and reference: parts in any order,
 * duplicates ignored; an incomplete message is dropped (and counted) after `timeoutMs`.
 */
export class Reassembler {
  private readonly pending = new Map<
    string,
    { parts: (string | undefined)[]; got: number; firstAt: number }
  >();
  expired = 0;

  constructor(private readonly timeoutMs = 30_000) {}

  /** Returns the whole text once the last missing part arrives, else undefined. */
  add(key: string, ref: number, total: number, seq: number, text: string, now: number): string | undefined {
    if (total <= 1) return text;
    if (seq < 1 || seq > total) return undefined;
    const id = `${key}|${ref}|${total}`;
    let entry = this.pending.get(id);
    if (entry === undefined) {
      entry = { parts: new Array(total).fill(undefined), got: 0, firstAt: now };
      this.pending.set(id, entry);
    }
    if (entry.parts[seq - 1] !== undefined) return undefined;
    entry.parts[seq - 1] = text;
    entry.got++;
    if (entry.got < total) return undefined;
    this.pending.delete(id);
    return entry.parts.join('');
  }

  sweep(now: number): void {
    if (this.pending.size === 0) return;
    for (const [id, entry] of this.pending) {
      if (now - entry.firstAt > this.timeoutMs) {
        this.pending.delete(id);
        this.expired++;
      }
    }
  }
}
