import type { Rng } from '@gong/core/rng';

/** Draws a final state from a weight mix such as { DELIVRD: 0.95, UNDELIV: 0.05 } (DELIVRD when empty). */
export function pickStatus(mix: Record<string, number>, rng: Rng): string {
  let total = 0;
  for (const w of Object.values(mix)) total += w;
  if (total <= 0) return 'DELIVRD';
  let r = rng.next() * total;
  for (const [stat, w] of Object.entries(mix)) {
    r -= w;
    if (r < 0) return stat;
  }
  return Object.keys(mix)[0] ?? 'DELIVRD';
}
