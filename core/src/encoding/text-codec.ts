/**
 * Text ↔ SMPP bytes for one data_coding: GSM 03.38 (0x00), Latin-1 (0x03), UCS2 (0x08, UTF-16BE, so
 * characters outside the BMP travel as surrogate pairs: 2 units / 4 octets). Pure, no Buffer.
 *   encodeText('€5', 'gsm7') → { dataCoding: 0, bytes: [0x1b,0x65,0x35], units: 3 }
 *   decodeText(bytes, 0x08) === text
 */
import { decodeGsm7, encodeGsm7, gsm7Length } from './gsm7';

export type ConcreteEncoding = 'gsm7' | 'latin1' | 'ucs2';

export const DATA_CODING: Record<ConcreteEncoding, number> = { gsm7: 0x00, latin1: 0x03, ucs2: 0x08 };

export interface EncodedText {
  encoding: ConcreteEncoding;
  dataCoding: number;
  bytes: Uint8Array;
  /** septets (gsm7), octets (latin1) or UTF-16 code units (ucs2) */
  units: number;
}

export function fitsLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false;
  return true;
}

export function fitsEncoding(text: string, encoding: ConcreteEncoding): boolean {
  if (encoding === 'gsm7') return gsm7Length(text) !== undefined;
  if (encoding === 'latin1') return fitsLatin1(text);
  return true;
}

export function encodeLatin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new RangeError(`character U+${c.toString(16).padStart(4, '0')} is not Latin-1`);
    out[i] = c;
  }
  return out;
}

export function encodeUcs2(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

export function decodeLatin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i] as number);
  return s;
}

/** UTF-16BE; an odd trailing octet is dropped. */
export function decodeUcs2(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2)
    s += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  return s;
}

export function encodeText(text: string, encoding: ConcreteEncoding): EncodedText {
  if (encoding === 'gsm7') {
    const bytes = encodeGsm7(text);
    return { encoding, dataCoding: DATA_CODING.gsm7, bytes, units: bytes.length };
  }
  if (encoding === 'latin1') {
    const bytes = encodeLatin1(text);
    return { encoding, dataCoding: DATA_CODING.latin1, bytes, units: bytes.length };
  }
  const bytes = encodeUcs2(text);
  return { encoding, dataCoding: DATA_CODING.ucs2, bytes, units: text.length };
}

/**
 * Decodes a short_message body for its data_coding: 0x00 GSM 03.38; 0x08 UTF-16BE; GSM 03.38 data
 * coding groups 0x10–0x3F and 0xF0–0xFF by their alphabet bits; 0x01 IA5, 0x03 Latin-1 and anything
 * else as Latin-1 octets.
 */
export function decodeText(bytes: Uint8Array, dataCoding: number): string {
  if (dataCoding === 0x00) return decodeGsm7(bytes);
  if (dataCoding === 0x08) return decodeUcs2(bytes);
  if (dataCoding >= 0x10 && dataCoding <= 0x3f) {
    const alphabet = (dataCoding >> 2) & 3;
    if (alphabet === 0) return decodeGsm7(bytes);
    if (alphabet === 2) return decodeUcs2(bytes);
  }
  if (dataCoding >= 0xf0 && (dataCoding & 0x04) === 0) return decodeGsm7(bytes);
  return decodeLatin1(bytes);
}
