/**
 * Picks an encoding and splits a text into SMPP parts.
 *
 *   segmentText('hello', { encoding: 'auto', segmentation: 'udh8', reference: 7 })
 *     → { encoding: 'gsm7', dataCoding: 0, parts: [{ body, udh: undefined, seq: 1 }], total: 1 }
 *
 * Limits per part (single / multipart): GSM 160/153 septets (extension characters count 2 and are
 * never split from their escape), Latin-1 140/134 octets, UCS2 70/67 units (a surrogate pair is never
 * split). UDH16 costs one more octet (152/133/66). SAR parts use the UDH8 limits (the SMSC adds the
 * header). 'payload' sends a long text whole (the caller puts `payload` in message_payload).
 * `auto` tries GSM 7, Latin-1, UCS2 and takes the one needing the fewest parts (ties: that order).
 */
import type { Encoding, Segmentation } from '../domain/message';
import { gsm7CharWidths } from './gsm7';
import { type ConcreteEncoding, encodeText, fitsEncoding } from './text-codec';

export const MAX_PARTS = 255;

/** [single, multipart-udh8, multipart-udh16] capacity in encoding units */
const LIMITS: Record<ConcreteEncoding, [number, number, number]> = {
  gsm7: [160, 153, 152],
  latin1: [140, 134, 133],
  ucs2: [70, 67, 66],
};

export interface Part {
  /** 1-based */
  seq: number;
  /** encoded text of this part (no header) */
  body: Uint8Array;
  /** user data header to prepend (udh8/udh16 multipart only); set esm_class UDHI (0x40) */
  udh: Uint8Array | undefined;
}

export interface SegmentedText {
  encoding: ConcreteEncoding;
  dataCoding: number;
  segmentation: Segmentation;
  /** reference shared by the parts: 8-bit for udh8, 16-bit for udh16 and sar */
  reference: number;
  total: number;
  parts: Part[];
  /** 'payload' segmentation of a long text: the whole encoded text for message_payload */
  payload: Uint8Array | undefined;
}

export interface SegmentOptions {
  encoding?: Encoding;
  segmentation?: Segmentation;
  /** concatenation reference; masked to 8 or 16 bits */
  reference?: number;
}

/** Character boundaries as unit offsets: the text may only be cut at these points. */
function unitWidths(text: string, encoding: ConcreteEncoding): number[] {
  if (encoding === 'gsm7') return gsm7CharWidths(text) ?? [];
  if (encoding === 'latin1') return Array.from({ length: text.length }, () => 1);
  const widths: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      widths.push(2);
      i++;
    } else {
      widths.push(1);
    }
  }
  return widths;
}

/** Chunks of characters as [start, end) string indexes, each at most `cap` units. */
function chunk(text: string, encoding: ConcreteEncoding, cap: number): [number, number][] {
  const widths = unitWidths(text, encoding);
  const out: [number, number][] = [];
  let start = 0;
  let units = 0;
  let idx = 0;
  for (const w of widths) {
    const chars = encoding === 'ucs2' ? w : 1;
    if (units + w > cap) {
      out.push([start, idx]);
      start = idx;
      units = 0;
    }
    units += w;
    idx += chars;
  }
  out.push([start, idx]);
  return out;
}

function countUnits(text: string, encoding: ConcreteEncoding): number {
  return unitWidths(text, encoding).reduce((a, b) => a + b, 0);
}

/** Number of parts `text` needs in `encoding` (Infinity if it does not fit the alphabet). */
export function partsNeeded(
  text: string,
  encoding: ConcreteEncoding,
  segmentation: Segmentation = 'udh8',
): number {
  if (!fitsEncoding(text, encoding)) return Number.POSITIVE_INFINITY;
  const [single, multi8, multi16] = LIMITS[encoding];
  if (countUnits(text, encoding) <= single) return 1;
  if (segmentation === 'payload') return 1;
  return chunk(text, encoding, segmentation === 'udh16' ? multi16 : multi8).length;
}

/** The concrete encoding `auto` resolves to (fewest parts; ties GSM 7 < Latin-1 < UCS2). */
export function chooseEncoding(
  text: string,
  preferred: Encoding = 'auto',
  segmentation: Segmentation = 'udh8',
): ConcreteEncoding {
  if (preferred !== 'auto') return preferred;
  let best: ConcreteEncoding = 'ucs2';
  let bestParts = Number.POSITIVE_INFINITY;
  for (const e of ['gsm7', 'latin1', 'ucs2'] as const) {
    const n = partsNeeded(text, e, segmentation);
    if (n < bestParts) {
      best = e;
      bestParts = n;
    }
  }
  return best;
}

export function udh8(ref: number, total: number, seq: number): Uint8Array {
  return Uint8Array.of(0x05, 0x00, 0x03, ref & 0xff, total, seq);
}

export function udh16(ref: number, total: number, seq: number): Uint8Array {
  return Uint8Array.of(0x06, 0x08, 0x04, (ref >> 8) & 0xff, ref & 0xff, total, seq);
}

/** Throws RangeError if the forced encoding cannot hold the text or it needs more than 255 parts. */
export function segmentText(text: string, options: SegmentOptions = {}): SegmentedText {
  const segmentation = options.segmentation ?? 'udh8';
  const encoding = chooseEncoding(text, options.encoding ?? 'auto', segmentation);
  if (!fitsEncoding(text, encoding)) throw new RangeError(`text cannot be encoded as ${encoding}`);
  const whole = encodeText(text, encoding);
  const [single, multi8, multi16] = LIMITS[encoding];
  const reference = (options.reference ?? 0) & (segmentation === 'udh8' ? 0xff : 0xffff);
  const base = { encoding, dataCoding: whole.dataCoding, segmentation, reference };
  if (countUnits(text, encoding) <= single) {
    return { ...base, total: 1, parts: [{ seq: 1, body: whole.bytes, udh: undefined }], payload: undefined };
  }
  if (segmentation === 'payload') {
    return { ...base, total: 1, parts: [], payload: whole.bytes };
  }
  const ranges = chunk(text, encoding, segmentation === 'udh16' ? multi16 : multi8);
  const total = ranges.length;
  if (total > MAX_PARTS)
    throw new RangeError(`text needs ${total} parts, SMS concatenation allows ${MAX_PARTS}`);
  const parts = ranges.map(([from, to], i): Part => {
    const seq = i + 1;
    const body = encodeText(text.slice(from, to), encoding).bytes;
    const udh =
      segmentation === 'udh8'
        ? udh8(reference, total, seq)
        : segmentation === 'udh16'
          ? udh16(reference, total, seq)
          : undefined;
    return { seq, body, udh };
  });
  return { ...base, total, parts, payload: undefined };
}
