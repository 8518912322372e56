import type { Encoding } from '@gong/core/domain/message';

const LABELS: Record<Encoding, string> = {
  auto: 'auto',
  gsm7: 'GSM 7-bit',
  latin1: 'Latin-1',
  ucs2: 'UCS-2',
};

/** The <option>s of an encoding <select> (auto = the smallest encoding that holds the text). */
export function EncodingOptions() {
  return (
    <>
      {(Object.keys(LABELS) as Encoding[]).map((e) => (
        <option key={e} value={e}>
          {LABELS[e]}
        </option>
      ))}
    </>
  );
}
