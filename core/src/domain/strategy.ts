import { z } from 'zod';
import { EpochMs, Id } from './ids';

/** Per-operator shaping shared by every strategy kind. Rates are messages per second per operator. */
export const OperatorShape = z.object({
  operatorId: Id,
  /** seconds after the run start before this operator sends anything */
  startDelaySec: z.number().min(0).max(86_400).default(0),
  /** seconds this operator sends for; defaults to the run duration minus its delay */
  runningTimeSec: z.number().positive().max(86_400).optional(),
});

const Common = {
  id: Id,
  tenantId: Id,
  name: z.string().min(1).max(120),
  description: z.string().max(2000).default(''),
  createdAt: EpochMs,
  updatedAt: EpochMs,
};

/** Custom curve: polynomial coefficients c0 + c1·t + c2·t² … or a safe expression of t. */
export const CurveFunction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear') }),
  z.object({ kind: z.literal('polynomial'), coefficients: z.array(z.number()).min(1).max(10) }),
  z.object({ kind: z.literal('expression'), expression: z.string().min(1).max(500) }),
]);
export type CurveFunction = z.infer<typeof CurveFunction>;

export const StrategySpec = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('full-force'),
    /** messages per second, per number */
    ratePerNumber: z.number().positive().max(10_000),
    operators: z.array(OperatorShape).default([]),
  }),
  z.object({
    kind: z.literal('balanced-growth'),
    /** per operator messages/s at the start, at the peak */
    minRate: z.number().min(0).max(1_000_000),
    maxRate: z.number().positive().max(1_000_000),
    /** seconds between the starts of consecutive operators */
    staggerSec: z.number().min(0).max(86_400).default(5),
    /** seconds to grow from min to max, then the same to come back down to the average */
    rampSec: z.number().positive().max(86_400).default(20),
    operators: z.array(OperatorShape).default([]),
  }),
  z.object({
    kind: z.literal('random'),
    /** messages each number sends over the window, drawn uniformly in [min, max] */
    minPerNumber: z.number().int().min(0).max(1_000_000),
    maxPerNumber: z.number().int().min(0).max(1_000_000),
    operators: z.array(OperatorShape).default([]),
  }),
  z.object({
    kind: z.literal('custom'),
    operators: z
      .array(
        OperatorShape.extend({
          minRate: z.number().min(0).max(1_000_000),
          maxRate: z.number().min(0).max(1_000_000),
          curve: CurveFunction.default({ kind: 'linear' }),
        }),
      )
      .min(1),
  }),
]);
export type StrategySpec = z.infer<typeof StrategySpec>;
export type StrategyKind = StrategySpec['kind'];

export const Strategy = z.object({ ...Common, spec: StrategySpec });
export type Strategy = z.infer<typeof Strategy>;
