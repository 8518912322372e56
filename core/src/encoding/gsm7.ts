/**
 * GSM 03.38 default alphabet + extension table, as SMPP carries it with data_coding 0: unpacked,
 * one septet per octet, extension characters as ESC (0x1B) + code (2 septets).
 *   gsm7Length('a{b') === 4; encodeGsm7('€') → [0x1b, 0x65]; decodeGsm7([0x1b, 0x65]) === '€'
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

const EXTENSION: Record<number, string> = {
  10: '\f',
  20: '^',
  40: '{',
  41: '}',
  47: '\\',
  60: '[',
  61: '~',
  62: ']',
  64: '|',
  101: '€',
};

export const GSM_ESCAPE = 0x1b;

/** code point → septet (basic) or 0x100 | septet (extension) */
const ENCODE = new Map<number, number>();
for (let i = 0; i < BASIC.length; i++) if (i !== GSM_ESCAPE) ENCODE.set(BASIC.charCodeAt(i), i);
for (const [code, ch] of Object.entries(EXTENSION)) ENCODE.set(ch.charCodeAt(0), 0x100 | Number(code));

export function isGsm7Char(ch: string): boolean {
  return ENCODE.has(ch.charCodeAt(0)) && ch.length === 1;
}

/** Septets needed for `text` (extension characters count 2), or undefined if a character is not in GSM 03.38. */
export function gsm7Length(text: string): number | undefined {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const s = ENCODE.get(text.charCodeAt(i));
    if (s === undefined) return undefined;
    n += s > 0xff ? 2 : 1;
  }
  return n;
}

/** Septets of each character, in order (1 or 2), or undefined if not encodable. */
export function gsm7CharWidths(text: string): number[] | undefined {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const s = ENCODE.get(text.charCodeAt(i));
    if (s === undefined) return undefined;
    out.push(s > 0xff ? 2 : 1);
  }
  return out;
}

/** Unpacked septets. Throws RangeError on a character outside GSM 03.38 (check gsm7Length first). */
export function encodeGsm7(text: string): Uint8Array {
  const n = gsm7Length(text);
  if (n === undefined) throw new RangeError('text has characters outside the GSM 03.38 alphabet');
  const out = new Uint8Array(n);
  let p = 0;
  for (let i = 0; i < text.length; i++) {
    const s = ENCODE.get(text.charCodeAt(i)) as number;
    if (s > 0xff) {
      out[p++] = GSM_ESCAPE;
      out[p++] = s & 0x7f;
    } else {
      out[p++] = s;
    }
  }
  return out;
}

/**
 * Decodes unpacked septets. Octets above 0x7F are masked to 7 bits; an unknown extension code
 * decodes as its basic character (03.38 §6.2.1.1); a trailing lone ESC decodes as a space.
 */
export function decodeGsm7(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = (bytes[i] as number) & 0x7f;
    if (c === GSM_ESCAPE) {
      const next = bytes[i + 1];
      if (next === undefined) {
        s += ' ';
        break;
      }
      i++;
      const code = next & 0x7f;
      s += EXTENSION[code] ?? BASIC[code];
    } else {
      s += BASIC[c];
    }
  }
  return s;
}

export const GSM7_BASIC_TABLE = BASIC;
