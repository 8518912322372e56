import { z } from 'zod';
import { Encoding } from '../domain/message';
import { CurveFunction } from '../domain/strategy';
import { RetValueSpec } from '../domain/stress-run';
import { compileExpression } from '../strategy/expression';

/**
 * The scenario model: what an XML scenario file (OpenLC SDF style, see README.md next to this
 * file) and a JSON scenario file both parse to. JSON files are this schema as is.
 */

/** A value to keep for every transaction, and which statistics to compute from it (OpenLC retValues). */
export const RetValue = RetValueSpec;
export type RetValue = z.infer<typeof RetValue>;

/** `send(text="BAL", expect="^Your balance")`: one MO (operator mode) or MT (ESME mode) step. */
export const SendCall = z
  .object({
    fn: z.literal('send'),
    text: z.string().min(1).max(10_000),
    /** regular expression the answer must match */
    expect: z.string().min(1).refine(isRegex, { message: 'not a valid regular expression' }).optional(),
    /** the answer must contain this text */
    contains: z.string().min(1).optional(),
    /** the answer must be exactly this text */
    exact: z.string().optional(),
    /** true: no answer is expected */
    noReply: z.boolean().optional(),
    timeoutMs: z.number().int().min(100).max(600_000).optional(),
    thinkMs: z.number().int().min(0).max(600_000).optional(),
    encoding: Encoding.optional(),
  })
  .refine((c) => [c.expect, c.contains, c.exact, c.noReply].filter((v) => v !== undefined).length <= 1, {
    message: 'give at most one of expect, contains, exact, noReply',
  });
export type SendCall = z.infer<typeof SendCall>;

/** Local protocol: synthetic commands with no gateway (OpenLC `constant|linear|random(range=…)`). */
export const LocalCall = z.object({
  fn: z.enum(['constant', 'linear', 'random']),
  /** seconds */
  range: z.number().min(0).max(3600),
});
export type LocalCall = z.infer<typeof LocalCall>;

export const Cmd = z.object({
  name: z.string().min(1).max(120),
  spy: z.boolean().default(false),
  call: z.union([SendCall, LocalCall]),
});
export type Cmd = z.infer<typeof Cmd>;

export const ProtocolItem = z.discriminatedUnion('kind', [
  /** steps run in order even when the protocol mode is random */
  z.object({ kind: z.literal('group'), name: z.string().min(1).max(120), cmds: z.array(Cmd).min(1) }),
  z.object({ kind: z.literal('cmd'), cmd: Cmd }),
  /** a sequence from the tenant's library, by name or id */
  z.object({ kind: z.literal('sequence'), ref: z.string().min(1).max(120) }),
]);
export type ProtocolItem = z.infer<typeof ProtocolItem>;

export const ProtocolName = z.enum(['Operator', 'ESME', 'Local']);
export type ProtocolName = z.infer<typeof ProtocolName>;

export const RunProtocol = z.object({
  name: ProtocolName,
  mode: z.enum(['normal', 'random']).default('normal'),
  iterations: z.object({ max: z.number().int().min(1) }).optional(),
  retValues: z.array(RetValue).default([]),
  items: z.array(ProtocolItem).min(1),
});
export type RunProtocol = z.infer<typeof RunProtocol>;

export const ScenarioOperator = z.object({
  /** operator name or id in the tenant's configuration */
  ref: z.string().min(1).max(120),
  /** numbers used; default clients.number for both */
  min: z.number().int().min(1).optional(),
  max: z.number().int().min(1).optional(),
  startDelay: z.number().min(0).max(86_400).optional(),
  runningTime: z.number().positive().max(86_400).optional(),
  /** custom strategy only: messages/s bounds and curve */
  minRate: z.number().min(0).optional(),
  maxRate: z.number().min(0).optional(),
  curve: CurveFunction.optional(),
});
export type ScenarioOperator = z.infer<typeof ScenarioOperator>;

export const ScenarioStrategy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('full-force'), ratePerNumber: z.number().positive() }),
  z.object({
    kind: z.literal('balanced-growth'),
    minRate: z.number().min(0),
    maxRate: z.number().positive(),
    stagger: z.number().min(0).default(5),
    ramp: z.number().positive().default(20),
  }),
  z.object({
    kind: z.literal('random'),
    minPerNumber: z.number().int().min(0),
    maxPerNumber: z.number().int().min(0),
  }),
  z.object({ kind: z.literal('custom') }),
]);
export type ScenarioStrategy = z.infer<typeof ScenarioStrategy>;

export const Scenario = z
  .object({
    name: z.string().max(120).default(''),
    seed: z.number().int().optional(),
    clients: z.object({ number: z.number().int().min(1) }),
    time: z.object({ max: z.number().int().min(1).max(86_400) }),
    sample: z
      .object({ small: z.boolean(), period: z.number().positive() })
      .default({ small: true, period: 1 }),
    reduction: z
      .object({ minElementsPerBin: z.number().int().min(1), maxBins: z.number().int().min(1) })
      .default({ minElementsPerBin: 10, maxBins: 100 }),
    connection: z.object({ ref: z.string().min(1).max(120) }).optional(),
    operators: z.array(ScenarioOperator).default([]),
    strategy: ScenarioStrategy,
    protocol: RunProtocol,
  })
  .superRefine((s, ctx) => {
    const local = s.protocol.name === 'Local';
    if (!local && !s.connection) ctx.addIssue({ code: 'custom', path: ['connection'], message: 'required' });
    if (!local && s.operators.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['operators'], message: 'at least one operator' });
    }
    s.protocol.items.forEach((item, i) => {
      const cmds = item.kind === 'group' ? item.cmds : item.kind === 'cmd' ? [item.cmd] : [];
      for (const cmd of cmds) {
        if ((cmd.call.fn === 'send') === local) {
          ctx.addIssue({
            code: 'custom',
            path: ['protocol', 'items', i],
            message: local
              ? `the Local protocol runs constant/linear/random commands, not ${cmd.call.fn}`
              : `the ${s.protocol.name} protocol runs send(...) commands, not ${cmd.call.fn}`,
          });
        }
      }
      if (local && item.kind === 'sequence') {
        ctx.addIssue({ code: 'custom', path: ['protocol', 'items', i], message: 'Local runs no sequences' });
      }
    });
    s.operators.forEach((op, i) => {
      if (op.min !== undefined && op.max !== undefined && op.max < op.min) {
        ctx.addIssue({ code: 'custom', path: ['operators', i, 'max'], message: 'max must be >= min' });
      }
      if (op.curve?.kind === 'expression') {
        try {
          compileExpression(op.curve.expression);
        } catch (e) {
          ctx.addIssue({ code: 'custom', path: ['operators', i, 'curve'], message: (e as Error).message });
        }
      }
      if (s.strategy.kind === 'custom' && (op.minRate === undefined || op.maxRate === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['operators', i],
          message: 'the custom strategy needs minRate and maxRate',
        });
      }
    });
  });
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
