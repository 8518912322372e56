import { DomainError } from '@gong/core/domain/errors';
import type { Operator } from '@gong/core/domain/operator';
import type { Sequence } from '@gong/core/domain/sequence';
import { isTerminal, StressPlan, type StressRun } from '@gong/core/domain/stress-run';
import type { Lease } from '@gong/core/ports/repository';
import type { Rng } from '@gong/core/rng';
import { seededRng } from '@gong/core/rng';
import { nowMs, optionsOf, type RunContext, type RunControlDeps, STRESS_LOCK_KEY } from './deps';
import { buildPrepareCommands, type CandidateSequence } from './dispatch';
import { sendStop, sendToSlots, transition } from './transition';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Time-ordered id like core's newId, but with injected time and randomness. */
export function runIdFrom(now: number, rng: Rng): string {
  let rand = '';
  for (let i = 0; i < 8; i++) rand += ALPHABET[rng.int(0, 35)];
  return `${now.toString(36).padStart(9, '0')}${rand}`;
}

export function busyError(lease: Lease): DomainError {
  const since = new Date(lease.acquiredAt).toISOString();
  return new DomainError(
    'BUSY',
    `stress run ${lease.ownerId} by user ${lease.userName || lease.userId} in progress since ${since}`,
    {
      details: {
        runId: lease.ownerId,
        userId: lease.userId,
        userName: lease.userName,
        since: lease.acquiredAt,
      },
    },
  );
}

async function loadOperators(deps: RunControlDeps, tenantId: string, plan: StressPlan): Promise<Operator[]> {
  const seen = new Set<string>();
  return Promise.all(
    plan.operators.map(async ({ operatorId }) => {
      if (seen.has(operatorId))
        throw new DomainError('VALIDATION', `operator ${operatorId} is in the plan twice`);
      seen.add(operatorId);
      const operator = await deps.operators.get(tenantId, operatorId);
      if (!operator) throw new DomainError('NOT_FOUND', `operator ${operatorId} not found`);
      if (operator.connectionId !== plan.connectionId) {
        throw new DomainError(
          'VALIDATION',
          `operator ${operator.name} belongs to connection ${operator.connectionId}, not ${plan.connectionId}`,
        );
      }
      return operator;
    }),
  );
}

async function allSequences(deps: RunControlDeps, tenantId: string): Promise<Sequence[]> {
  const out: Sequence[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.sequences.list(tenantId, { limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** The plan's sequences; none named or written inline = drawn at random from the tenant's library. */
async function loadCandidates(
  deps: RunControlDeps,
  tenantId: string,
  plan: StressPlan,
): Promise<{ candidates: CandidateSequence[]; random: boolean }> {
  const named = await Promise.all(
    plan.sequenceIds.map(async (id) => {
      const sequence = await deps.sequences.get(tenantId, id);
      if (!sequence) throw new DomainError('NOT_FOUND', `sequence ${id} not found`);
      return { id: sequence.id, steps: sequence.steps };
    }),
  );
  const inline = plan.inlineSequences.map((s, i) => ({ id: `inline-${i}`, steps: s.steps }));
  const candidates = [...named, ...inline];
  if (candidates.length > 0) return { candidates, random: plan.randomSequences };
  const library = await allSequences(deps, tenantId);
  if (library.length === 0) {
    throw new DomainError('VALIDATION', 'the plan names no sequence and the tenant has none to draw from');
  }
  return { candidates: library.map((s) => ({ id: s.id, steps: s.steps })), random: true };
}

/** Marks runs left non-terminal by a controller whose lease expired (we now hold the lock). */
async function failOrphans(
  deps: RunControlDeps,
  tenantId: string,
  exceptId: string,
  now: number,
): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await deps.runs.list(tenantId, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const run of page.items) {
      if (run.id === exceptId || isTerminal(run.state)) continue;
      const failed = await transition(deps, tenantId, run.id, 'failed', {
        endedAt: now,
        stateReason: 'its controller stopped renewing the stress lock (lease expired)',
      });
      await sendStop(deps, failed, true);
    }
    cursor = page.cursor;
  } while (cursor);
}

/**
 * Starts a stress run: validates the plan, picks numbers and sequences (seeded by the plan), takes the
 * tenant's stress lock (BUSY when another run holds it), records the run, asks the fleet to run its
 * slots, and sends run.prepare to every worker slot hosting its operators with a common startAt.
 * Returns the run in `starting`.
 */
export async function startRun(deps: RunControlDeps, ctx: RunContext, input: unknown): Promise<StressRun> {
  const parsed = StressPlan.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(plan)'}: ${i.message}`);
    throw new DomainError('VALIDATION', `invalid stress plan: ${issues.join('; ')}`, { cause: parsed.error });
  }
  const plan = parsed.data;
  if (plan.mode === 'local') {
    throw new DomainError('VALIDATION', 'Local (calibration) plans are not executed by the worker fleet yet');
  }
  const { tenantId } = ctx;
  const opts = optionsOf(deps);
  const operators = await loadOperators(deps, tenantId, plan);
  const { candidates, random } = await loadCandidates(deps, tenantId, plan);

  const now = nowMs(deps);
  const runId = runIdFrom(now, deps.rng);
  const startAt = now + opts.leadTimeMs;
  const commands = buildPrepareCommands({
    tenantId,
    runId,
    plan,
    operators,
    candidates,
    randomSequences: random,
    startAt,
    rng: seededRng(plan.seed),
  });
  const slots = [...commands.keys()].sort((a, b) => a - b);

  const lock = await deps.leases.acquire(
    tenantId,
    STRESS_LOCK_KEY,
    {
      ownerId: runId,
      userId: ctx.userId,
      userName: ctx.userName,
      label: plan.name || `connection ${plan.connectionId}`,
    },
    opts.leaseMs,
    now,
  );
  if (!lock.ok) throw busyError(lock.current);

  let created = false;
  try {
    await failOrphans(deps, tenantId, runId, now);
    await deps.runs.create(tenantId, {
      id: runId,
      tenantId,
      plan,
      state: 'planned',
      startedBy: ctx.userId,
      startedByName: ctx.userName,
      createdAt: now,
      verdict: 'none',
      slots,
      workerReports: [],
    });
    created = true;
    // workers must be up (or on their way) to read run.prepare; scaling down is the tick's job
    await deps.fleet?.ensureRunning(slots);
    await sendToSlots(
      deps,
      slots,
      (slot) => commands.get(slot) as NonNullable<ReturnType<typeof commands.get>>,
    );
    return await transition(deps, tenantId, runId, 'starting', { startAt });
  } catch (e) {
    if (created) {
      const failed = await transition(deps, tenantId, runId, 'failed', {
        endedAt: nowMs(deps),
        stateReason: `start failed: ${e instanceof Error ? e.message : String(e)}`,
      }).catch(() => undefined);
      // slots that did receive run.prepare must not start sending
      if (failed) await sendStop(deps, failed, true).catch(() => undefined);
    }
    await deps.leases.release(tenantId, STRESS_LOCK_KEY, runId);
    throw e;
  }
}
