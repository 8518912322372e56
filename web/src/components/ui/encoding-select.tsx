import type { Encoding } from '@gong/core/domain/message';

const LABELS: Record<Encoding, string> = {
  auto: 'auto',
  gsm7: 'GSM 7-bit',
  latin1: 'Latin-1',
  ucs2: 'UCS-2',
};

/** A labelled encoding choice (auto = the smallest encoding that holds the text). */
export function EncodingSelect({
  value,
  onChange,
  disabled = false,
}: {
  value: Encoding;
  onChange: (e: Encoding) => void;
  disabled?: boolean;
}) {
  return (
    <label>
      Encoding
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Encoding)}>
        {(Object.keys(LABELS) as Encoding[]).map((e) => (
          <option key={e} value={e}>
            {LABELS[e]}
          </option>
        ))}
      </select>
    </label>
  );
}
