/**
 * Latency distributions for the simulator, drawn from a seeded Rng.
 * Spec strings: 'fixed:50' | 'uniform:10:50' | 'normal:50:5' (mean, sd) | 'lognormal:50:0.5'
 * (median ms, sigma of ln). Samples are clamped at 0.
 */
import type { Rng } from '@gong/core/rng';
import { z } from 'zod';

export const Latency = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), ms: z.number().min(0) }),
  z.object({ kind: z.literal('uniform'), min: z.number().min(0), max: z.number().min(0) }),
  z.object({ kind: z.literal('normal'), mean: z.number().min(0), sd: z.number().min(0) }),
  z.object({ kind: z.literal('lognormal'), median: z.number().positive(), sigma: z.number().min(0) }),
]);
export type Latency = z.infer<typeof Latency>;

/** Parses 'kind:a[:b]' into a Latency; throws a message naming the bad part. */
export function parseLatency(spec: string): Latency {
  const [kind, ...rest] = spec.split(':');
  const nums = rest.map(Number);
  if (nums.some((n) => !Number.isFinite(n))) throw new Error(`latency "${spec}": parameters must be numbers`);
  const need = (n: number, shape: string) => {
    if (nums.length !== n) throw new Error(`latency "${spec}": expected ${shape}`);
  };
  switch (kind) {
    case 'fixed':
      need(1, 'fixed:MS');
      return Latency.parse({ kind, ms: nums[0] });
    case 'uniform':
      need(2, 'uniform:MIN:MAX');
      if ((nums[0] as number) > (nums[1] as number)) throw new Error(`latency "${spec}": MIN > MAX`);
      return Latency.parse({ kind, min: nums[0], max: nums[1] });
    case 'normal':
      need(2, 'normal:MEAN:SD');
      return Latency.parse({ kind, mean: nums[0], sd: nums[1] });
    case 'lognormal':
      need(2, 'lognormal:MEDIAN:SIGMA');
      return Latency.parse({ kind, median: nums[0], sigma: nums[1] });
    default:
      throw new Error(`latency "${spec}": kind must be fixed, uniform, normal or lognormal`);
  }
}

function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A sampler returning milliseconds (>= 0). */
export function latencySampler(l: Latency, rng: Rng): () => number {
  switch (l.kind) {
    case 'fixed':
      return () => l.ms;
    case 'uniform':
      return () => l.min + rng.next() * (l.max - l.min);
    case 'normal':
      return () => Math.max(0, l.mean + l.sd * gaussian(rng));
    case 'lognormal':
      return () => l.median * Math.exp(l.sigma * gaussian(rng));
  }
}
