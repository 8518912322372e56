import { DomainError } from '@gong/core/domain/errors';
import { Id } from '@gong/core/domain/ids';
import { StrategySpec } from '@gong/core/domain/strategy';
import { previewStrategy } from '@gong/core/strategy/compile';
import { z } from 'zod';
import type { ApiDeps } from '../deps';
import { type AnyRoute, route } from '../router';

export const PreviewBody = z.object({
  /** a strategy spec, or the id of a saved strategy */
  strategy: z.union([StrategySpec, Id]),
  durationSec: z.number().int().min(1).max(86_400),
  operators: z
    .array(
      z
        .object({
          operatorId: Id,
          numberCount: z.number().int().min(1).max(10_000).optional(),
          /** a RunOperator shape is accepted too: the preview uses maxNumbers */
          maxNumbers: z.number().int().min(1).max(10_000).optional(),
          minNumbers: z.number().int().min(1).max(10_000).optional(),
        })
        .refine((o) => o.numberCount !== undefined || o.maxNumbers !== undefined, {
          message: 'give numberCount (or maxNumbers)',
        }),
    )
    .min(1)
    .max(100),
  seed: z.number().int().optional(),
});

/** Upper bound on messages a preview may have to lay out (the random strategy is per number). */
const MAX_PREVIEW_MESSAGES = 5_000_000;

export function strategyPreviewRoutes(deps: ApiDeps): AnyRoute[] {
  return [
    route({
      method: 'POST',
      path: '/strategies/preview',
      auth: 'viewer',
      tag: 'strategies',
      summary: 'Expected messages per second, per operator and in total, before running a strategy',
      body: PreviewBody,
      response: z.object({
        seconds: z.array(z.number()),
        perOperator: z.record(z.string(), z.array(z.number())),
        total: z.array(z.number()),
      }),
      activity: 'stress testing: strategy preview',
      async handle({ principal, body }) {
        let spec: StrategySpec;
        if (typeof body.strategy === 'string') {
          const saved = await deps.repositories.strategies.get(principal.tenantId, body.strategy);
          if (!saved) throw new DomainError('VALIDATION', `strategy: strategy ${body.strategy} not found`);
          spec = saved.spec;
        } else {
          spec = body.strategy;
        }
        const operators = body.operators.map((o) => ({
          operatorId: o.operatorId,
          numberCount: (o.numberCount ?? o.maxNumbers) as number,
        }));
        if (spec.kind === 'random') {
          const numbers = operators.reduce((a, o) => a + o.numberCount, 0);
          if (numbers * spec.maxPerNumber > MAX_PREVIEW_MESSAGES) {
            throw new DomainError(
              'VALIDATION',
              `the preview would lay out more than ${MAX_PREVIEW_MESSAGES} messages; lower maxPerNumber or the numbers`,
            );
          }
        }
        const preview = previewStrategy({
          spec,
          durationSec: body.durationSec,
          operators,
          ...(body.seed === undefined ? {} : { seed: body.seed }),
        });
        return {
          json: {
            seconds: preview.total.map((_, i) => i),
            perOperator: Object.fromEntries(preview.operators.map((o) => [o.operatorId, o.counts])),
            total: preview.total,
            totalMessages: preview.totalMessages,
            peakPerSecond: preview.peakPerSecond,
            warnings: preview.warnings,
          },
        };
      },
    }),
  ];
}
