import { Reassembler } from '@gong/core/encoding/reassembly';
import { decodeText, encodeText } from '@gong/smpp-fleet/worker/sms-text';
import { describe, expect, it } from 'vitest';

function roundTrip(
  text: string,
  encoding: 'auto' | 'gsm7' | 'latin1' | 'ucs2',
  segmentation: 'udh8' | 'udh16' | 'sar' | 'payload',
) {
  const bodies = encodeText(text, encoding, segmentation, 42);
  const r = new Reassembler({ timeoutMs: 1000, clock: { now: () => 0 } });
  let out: string | undefined;
  for (const b of [...bodies].reverse()) {
    const incoming = decodeText({ ...b, tlvs: b.tlvs ?? [] });
    if (incoming.part === undefined) out = incoming.text;
    else {
      const res = r.push({ key: 'k', ...incoming.part, dataCoding: b.dataCoding });
      if (res.kind === 'complete') out = res.text;
    }
  }
  return { bodies, out };
}

describe('sms-text (worker side of core/src/encoding)', () => {
  it('sends a short GSM text as one part with data_coding 0', () => {
    const { bodies, out } = roundTrip('ECHO hello {€}', 'auto', 'udh8');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.dataCoding).toBe(0);
    expect(out).toBe('ECHO hello {€}');
  });

  it.each(['udh8', 'udh16', 'sar', 'payload'] as const)(
    'splits and rejoins a long text (%s), parts out of order',
    (seg) => {
      const text = 'Ünïcødé 😀 '.repeat(30);
      const { bodies, out } = roundTrip(text, 'auto', seg);
      expect(bodies.length).toBe(seg === 'payload' ? 1 : 5);
      expect(out).toBe(text);
    },
  );

  it('honours a forced encoding', () => {
    const { bodies, out } = roundTrip('café', 'ucs2', 'udh8');
    expect(bodies[0]?.dataCoding).toBe(8);
    expect(out).toBe('café');
  });
});
