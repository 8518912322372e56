import { z } from 'zod';
import { Expectation } from './expectation';
import { EpochMs, Id } from './ids';
import { Message } from './message';

/** A message, plus (for a paired step) what the gateway should answer. */
export const Step = z.object({
  id: Id,
  message: Message,
  expect: Expectation.default({ kind: 'any' }),
  /** how long to wait for the answer before the step is `unanswered` */
  timeoutMs: z.number().int().min(100).max(600_000).default(10_000),
  /** pause before sending the next step, after this one is answered or timed out */
  thinkMs: z.number().int().min(0).max(600_000).default(0),
  /** test-library entry this step came from, if any */
  libraryId: Id.optional(),
});
export type Step = z.infer<typeof Step>;

export const Sequence = z.object({
  id: Id,
  tenantId: Id,
  name: z.string().min(1).max(120),
  description: z.string().max(2000).default(''),
  steps: z.array(Step).min(1).max(10_000),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type Sequence = z.infer<typeof Sequence>;

/** Test library: a named service check (input command, expected output patterns). */
export const LibraryEntry = z.object({
  id: Id,
  tenantId: Id,
  serviceName: z.string().min(1).max(120),
  input: Message,
  expectedPatterns: z.array(Expectation).default([]),
  checkOutput: z.boolean().default(true),
  createdAt: EpochMs,
  updatedAt: EpochMs,
});
export type LibraryEntry = z.infer<typeof LibraryEntry>;
