/**
 * Reads the concatenation information element of a user data header (IEI 0x00 8-bit ref, 0x08 16-bit).
 *   parseUdh(short_message) → { headerLength, concat: { ref, total, seq } | undefined } | undefined
 */
export interface UdhInfo {
  /** octets of the header including its length octet */
  headerLength: number;
  concat: { ref: number; total: number; seq: number } | undefined;
}

/** undefined when the header is malformed (length beyond the message, element overruns). */
export function parseUdh(bytes: Uint8Array): UdhInfo | undefined {
  if (bytes.length === 0) return undefined;
  const udhl = bytes[0] as number;
  const headerLength = udhl + 1;
  if (headerLength > bytes.length) return undefined;
  let concat: UdhInfo['concat'];
  let i = 1;
  while (i < headerLength) {
    if (i + 2 > headerLength) return undefined;
    const iei = bytes[i] as number;
    const len = bytes[i + 1] as number;
    const v = i + 2;
    if (v + len > headerLength) return undefined;
    if (iei === 0x00 && len === 3) {
      concat = { ref: bytes[v] as number, total: bytes[v + 1] as number, seq: bytes[v + 2] as number };
    } else if (iei === 0x08 && len === 4) {
      concat = {
        ref: ((bytes[v] as number) << 8) | (bytes[v + 1] as number),
        total: bytes[v + 2] as number,
        seq: bytes[v + 3] as number,
      };
    }
    i = v + len;
  }
  return { headerLength, concat };
}
