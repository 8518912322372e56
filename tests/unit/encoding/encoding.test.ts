import { decodeGsm7, encodeGsm7, GSM7_BASIC_TABLE, gsm7Length } from '@gong/core/encoding/gsm7';
import { Reassembler } from '@gong/core/encoding/reassembly';
import { chooseEncoding, partsNeeded, segmentText } from '@gong/core/encoding/segment';
import { decodeText, encodeText } from '@gong/core/encoding/text-codec';
import { parseUdh } from '@gong/core/encoding/udh';
import { ManualClock } from '@gong/core/ports/clock';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const GSM_CHARS = [...GSM7_BASIC_TABLE.replace('\x1b', ''), ...'^{}\\[~]|€\f'];

function joinParts(seg: ReturnType<typeof segmentText>): string {
  return seg.parts.map((p) => decodeText(p.body, seg.dataCoding)).join('');
}

describe('GSM 03.38', () => {
  it('has 128 basic characters and maps the extension table to ESC + code', () => {
    expect(GSM7_BASIC_TABLE).toHaveLength(128);
    expect([...encodeGsm7('@€{')]).toEqual([0x00, 0x1b, 0x65, 0x1b, 0x28]);
    expect(gsm7Length('a{b')).toBe(4);
    expect(gsm7Length('ş')).toBeUndefined();
    expect(decodeGsm7(Uint8Array.of(0x1b, 0x41))).toBe('A'); // unknown extension → basic char
  });

  it('round-trips any GSM text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...GSM_CHARS), { maxLength: 300 }), (chars) => {
        const text = chars.join('');
        expect(decodeGsm7(encodeGsm7(text))).toBe(text);
      }),
    );
  });
});

describe('text codec', () => {
  it('round-trips Latin-1 and UCS2 (with surrogate pairs)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(decodeText(encodeText(text, 'ucs2').bytes, 0x08)).toBe(text);
      }),
    );
    const latin = 'Grüße, ¿qué tal? ÿ';
    expect(decodeText(encodeText(latin, 'latin1').bytes, 0x03)).toBe(latin);
    expect(encodeText('😀', 'ucs2')).toMatchObject({ dataCoding: 8, units: 2 });
    expect([...encodeText('😀', 'ucs2').bytes]).toEqual([0xd8, 0x3d, 0xde, 0x00]);
  });
});

describe('auto encoding', () => {
  it('picks GSM 7, then Latin-1, then UCS2', () => {
    expect(chooseEncoding('Your balance is 42 EUR')).toBe('gsm7');
    expect(chooseEncoding('€ and {braces}')).toBe('gsm7');
    expect(chooseEncoding('naïve café ÿ')).toBe('latin1'); // ï and ÿ are not GSM
    expect(chooseEncoding('Привет')).toBe('ucs2');
    expect(chooseEncoding('hello', 'ucs2')).toBe('ucs2');
  });

  it('prefers Latin-1 when extension characters would make GSM need more parts', () => {
    const braces = '{'.repeat(100); // 200 septets (2 parts) vs 100 octets (1 part)
    expect(partsNeeded(braces, 'gsm7')).toBe(2);
    expect(chooseEncoding(braces)).toBe('latin1');
  });
});

describe('segmentation limits', () => {
  it.each([
    ['gsm7', 'a', 160, 153, 152],
    ['latin1', 'ï', 140, 134, 133],
    ['ucs2', 'Ж', 70, 67, 66],
  ] as const)('%s (%s): %i single, %i per UDH8 part, %i per UDH16 part', (encoding, ch, single, m8, m16) => {
    expect(segmentText(ch.repeat(single), { encoding }).parts).toHaveLength(1);
    const two = segmentText(ch.repeat(single + 1), { encoding, reference: 9 });
    expect(two.parts).toHaveLength(2);
    expect(two.parts[0]?.body).toHaveLength(m8 * (encoding === 'ucs2' ? 2 : 1));
    expect([...(two.parts[0]?.udh ?? [])]).toEqual([5, 0, 3, 9, 2, 1]);
    const sixteen = segmentText(ch.repeat(m16 * 3), { encoding, segmentation: 'udh16', reference: 0x1234 });
    expect(sixteen.parts).toHaveLength(3);
    expect([...(sixteen.parts[2]?.udh ?? [])]).toEqual([6, 8, 4, 0x12, 0x34, 3, 3]);
    expect(segmentText(ch.repeat(m8 * 3), { encoding, segmentation: 'sar' }).parts).toHaveLength(3);
    expect(segmentText(ch.repeat(m8 * 3), { encoding, segmentation: 'sar' }).parts[0]?.udh).toBeUndefined();
  });

  it('counts extension characters as 2 and never splits ESC from its character', () => {
    const text = `${'a'.repeat(152)}€${'b'.repeat(10)}`;
    const seg = segmentText(text, { encoding: 'gsm7' });
    expect(seg.parts[0]?.body).toHaveLength(152); // € moved whole to part 2
    expect(joinParts(seg)).toBe(text);
    expect(segmentText('€'.repeat(80), { encoding: 'gsm7' }).parts).toHaveLength(1);
    expect(segmentText('€'.repeat(81), { encoding: 'gsm7' }).parts).toHaveLength(2);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'x'.repeat(66)}😀😀😀`;
    const seg = segmentText(text, { encoding: 'ucs2' });
    expect(seg.parts[0]?.body).toHaveLength(132);
    expect(joinParts(seg)).toBe(text);
  });

  it('puts a long text whole in the payload for message_payload', () => {
    const seg = segmentText('z'.repeat(500), { segmentation: 'payload' });
    expect(seg.parts).toHaveLength(0);
    expect(seg.payload).toHaveLength(500);
  });

  it('splits and rejoins any text losslessly', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 700 }).filter((s) => s.length > 0),
        fc.constantFrom('udh8', 'udh16', 'sar') as fc.Arbitrary<'udh8' | 'udh16' | 'sar'>,
        (text, segmentation) => {
          const seg = segmentText(text, { segmentation });
          expect(joinParts(seg)).toBe(text);
          expect(seg.parts.every((p) => p.body.length + (p.udh?.length ?? 0) <= 160)).toBe(true);
        },
      ),
    );
  });
});

describe('UDH parsing', () => {
  it('reads 8 and 16-bit concatenation headers and rejects broken ones', () => {
    expect(parseUdh(Uint8Array.of(5, 0, 3, 7, 3, 2, 0x41))).toEqual({
      headerLength: 6,
      concat: { ref: 7, total: 3, seq: 2 },
    });
    expect(parseUdh(Uint8Array.of(6, 8, 4, 1, 2, 3, 1))?.concat).toEqual({ ref: 258, total: 3, seq: 1 });
    expect(parseUdh(Uint8Array.of(9, 0, 3))).toBeUndefined();
  });
});

describe('Reassembler', () => {
  const clock = new ManualClock(1000);
  const partsOf = (text: string, ref: number) =>
    segmentText(text, { encoding: 'ucs2', reference: ref }).parts.map((p) => ({
      key: '4072>1234',
      ref,
      total: 3,
      seq: p.seq,
      dataCoding: 8,
      bytes: p.body,
    }));

  it('rebuilds out-of-order parts and ignores duplicates', () => {
    const r = new Reassembler({ timeoutMs: 5000, clock });
    const text = 'Ж'.repeat(150);
    const [a, b, c] = partsOf(text, 1);
    expect(r.push(c as never).kind).toBe('pending');
    expect(r.push(a as never).kind).toBe('pending');
    expect(r.push(a as never).kind).toBe('duplicate');
    const done = r.push(b as never);
    expect(done).toMatchObject({ kind: 'complete', text, total: 3 });
    expect(r.size).toBe(0);
    expect(r.duplicates).toBe(1);
  });

  it('reports a message whose part never came', () => {
    const r = new Reassembler({ timeoutMs: 5000, clock });
    const [a, , c] = partsOf('Ж'.repeat(150), 2);
    r.push(a as never);
    r.push(c as never);
    clock.advance(4999);
    expect(r.expire()).toEqual([]);
    clock.advance(1);
    expect(r.expire()).toEqual([
      { key: '4072>1234', ref: 2, total: 3, received: [1, 3], missing: [2], firstAt: 1000 },
    ]);
    expect(r.size).toBe(0);
  });

  it('rejects impossible part numbers', () => {
    const r = new Reassembler({ timeoutMs: 5000, clock });
    expect(r.push({ key: 'k', ref: 1, total: 2, seq: 3, dataCoding: 0, bytes: new Uint8Array() }).kind).toBe(
      'invalid',
    );
  });
});
