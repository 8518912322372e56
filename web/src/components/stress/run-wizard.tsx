'use client';

import type { StrategySpec } from '@gong/core/domain/strategy';
import { useState } from 'react';
import { HealthBadge } from '@/components/dashboard/health-dot';
import { defaultSpec, StrategyEditor } from '@/components/strategy/strategy-editor';
import { StrategyPreview } from '@/components/strategy/strategy-preview';
import { ErrorBox, Loading, MutationError } from '@/components/ui/query-state';
import { useDashboard } from '@/lib/api/dashboard';
import { useConnections, useOperators, useSequences, useStrategies } from '@/lib/api/resources';
import { useStartRun } from '@/lib/api/runs';

const STEPS = ['Connection', 'Operators', 'Duration & strategy', 'Sequences', 'Summary'] as const;

interface OpChoice {
  operatorId: string;
  minNumbers: number;
  maxNumbers: number;
}

/** The stress wizard: connection → operators → duration & strategy (live preview) → sequences → summary. */
export function RunWizard() {
  const [step, setStep] = useState(0);
  const [connectionId, setConnectionId] = useState('');
  const [ops, setOps] = useState<OpChoice[]>([]);
  const [durationSec, setDurationSec] = useState(60);
  const [spec, setSpec] = useState<StrategySpec>(defaultSpec('full-force', []));
  const [randomSequences, setRandomSequences] = useState(true);
  const [sequenceIds, setSequenceIds] = useState<string[]>([]);
  const [name, setName] = useState('');
  const conns = useConnections();
  const health = useDashboard();
  const operators = useOperators();
  const sequences = useSequences();
  const strategies = useStrategies();
  const start = useStartRun();

  const connOps = (operators.data ?? []).filter((o) => o.connectionId === connectionId);
  const names = Object.fromEntries((operators.data ?? []).map((o) => [o.id, o.name]));
  const healthOf = (id: string) => health.data?.connections.find((c) => c.id === id)?.health;
  const problems = [
    !connectionId && 'Pick a connection.',
    step >= 1 && ops.length === 0 && 'Pick at least one operator.',
    step >= 1 &&
      ops.some((o) => o.minNumbers < 1 || o.maxNumbers < o.minNumbers) &&
      'Each operator needs 1 ≤ min ≤ max numbers.',
    step >= 2 && !(durationSec >= 1) && 'The duration must be at least 1 second.',
    step >= 3 &&
      !randomSequences &&
      sequenceIds.length === 0 &&
      'Choose sequences or let Gong pick them at random.',
  ].filter(Boolean) as string[];
  const opIds = ops.map((o) => o.operatorId);

  function toggleOp(id: string, on: boolean) {
    setOps(
      on
        ? [...ops, { operatorId: id, minNumbers: 1, maxNumbers: 10 }]
        : ops.filter((o) => o.operatorId !== id),
    );
  }

  function submit() {
    start.mutate({
      name,
      connectionId,
      mode: 'operator',
      operators: ops,
      durationSec,
      strategy: spec,
      sequenceIds: randomSequences ? [] : sequenceIds,
      randomSequences,
      seed: 1,
    });
  }

  if (conns.isPending || operators.isPending) return <Loading what="connections and operators" />;
  if (conns.isError) return <ErrorBox error={conns.error} retry={() => conns.refetch()} />;
  if (operators.isError) return <ErrorBox error={operators.error} retry={() => operators.refetch()} />;

  return (
    <section className="panel" aria-labelledby="wizard-h">
      <h2 id="wizard-h">Start a stress run</h2>
      <ol className="wizard-steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined}>
            {i + 1}. {s}
          </li>
        ))}
      </ol>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (problems.length > 0) return;
          if (step < STEPS.length - 1) setStep(step + 1);
          else submit();
        }}
      >
        {step === 0 && (
          <fieldset>
            <legend>Gateway connection</legend>
            {(conns.data ?? []).length === 0 && (
              <p className="muted">
                No connections yet. An administrator adds them in Settings → Connections.
              </p>
            )}
            <div className="stack">
              {(conns.data ?? []).map((c) => (
                <label key={c.id} className="inline">
                  <input
                    type="radio"
                    name="connection"
                    value={c.id}
                    checked={connectionId === c.id}
                    onChange={() => {
                      setConnectionId(c.id);
                      setOps([]);
                    }}
                  />
                  {c.name} <HealthBadge colour={healthOf(c.id)?.colour} />
                  <span className="muted small">{healthOf(c.id)?.reason}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        {step === 1 && (
          <fieldset>
            <legend>Operators and numbers</legend>
            {connOps.length === 0 && (
              <p className="muted">This connection has no operators. Add some in Settings → Operators.</p>
            )}
            <table>
              <thead>
                <tr>
                  <th>Use</th>
                  <th>Operator</th>
                  <th>Min numbers</th>
                  <th>Max numbers</th>
                </tr>
              </thead>
              <tbody>
                {connOps.map((o) => {
                  const choice = ops.find((x) => x.operatorId === o.id);
                  const set = (patch: Partial<OpChoice>) =>
                    setOps(ops.map((x) => (x.operatorId === o.id ? { ...x, ...patch } : x)));
                  return (
                    <tr key={o.id}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Use operator ${o.name}`}
                          checked={Boolean(choice)}
                          onChange={(e) => toggleOp(o.id, e.target.checked)}
                        />
                      </td>
                      <td>
                        {o.name} <span className="muted small">slot {o.slot}</span>
                      </td>
                      <td>
                        <input
                          type="number"
                          min={1}
                          aria-label={`Min numbers for ${o.name}`}
                          disabled={!choice}
                          value={choice?.minNumbers ?? 1}
                          onChange={(e) => set({ minNumbers: Number(e.target.value) })}
                        />
                      </td>
                      <td>
                        <input
                          type="number"
                          min={1}
                          aria-label={`Max numbers for ${o.name}`}
                          disabled={!choice}
                          value={choice?.maxNumbers ?? 10}
                          onChange={(e) => set({ maxNumbers: Number(e.target.value) })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </fieldset>
        )}
        {step === 2 && (
          <div className="grid grid-2">
            <fieldset>
              <legend>Duration and strategy</legend>
              <div className="stack">
                <label>
                  Duration (seconds)
                  <input
                    type="number"
                    min={1}
                    name="durationSec"
                    value={durationSec}
                    onChange={(e) => setDurationSec(Math.round(Number(e.target.value)))}
                  />
                </label>
                {(strategies.data ?? []).length > 0 && (
                  <label>
                    Start from a saved strategy
                    <select
                      value=""
                      onChange={(e) => {
                        const s = strategies.data?.find((x) => x.id === e.target.value);
                        if (s) setSpec(s.spec);
                      }}
                    >
                      <option value="">— choose —</option>
                      {strategies.data?.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name} ({s.spec.kind})
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                <StrategyEditor value={spec} onChange={setSpec} operatorIds={opIds} operatorNames={names} />
              </div>
            </fieldset>
            <div>
              <h3>Planned load</h3>
              <StrategyPreview
                strategy={spec}
                durationSec={durationSec}
                operators={ops.map((o) => ({ operatorId: o.operatorId, numberCount: o.maxNumbers }))}
                names={names}
              />
            </div>
          </div>
        )}
        {step === 3 && (
          <fieldset>
            <legend>Sequences</legend>
            <label className="inline">
              <input
                type="checkbox"
                checked={randomSequences}
                onChange={(e) => setRandomSequences(e.target.checked)}
              />
              Pick a random sequence for each operator and number
            </label>
            {!randomSequences && (
              <div className="stack" style={{ marginTop: 8 }}>
                {sequences.isPending && <Loading what="sequences" />}
                {sequences.isError && <ErrorBox error={sequences.error} retry={() => sequences.refetch()} />}
                {sequences.data?.length === 0 && (
                  <p className="muted">No sequences yet: build one in Settings → Sequences.</p>
                )}
                {sequences.data?.map((s) => (
                  <label key={s.id} className="inline">
                    <input
                      type="checkbox"
                      checked={sequenceIds.includes(s.id)}
                      onChange={(e) =>
                        setSequenceIds(
                          e.target.checked ? [...sequenceIds, s.id] : sequenceIds.filter((x) => x !== s.id),
                        )
                      }
                    />
                    {s.name} <span className="muted small">{s.steps.length} steps</span>
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        )}
        {step === 4 && (
          <fieldset>
            <legend>Summary</legend>
            <div className="stack">
              <label>
                Run name (optional)
                <input value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
              </label>
              <table data-testid="run-summary">
                <tbody>
                  <tr>
                    <th>Connection</th>
                    <td>{conns.data?.find((c) => c.id === connectionId)?.name}</td>
                  </tr>
                  <tr>
                    <th>Operators</th>
                    <td>
                      {ops
                        .map(
                          (o) =>
                            `${names[o.operatorId] ?? o.operatorId} (${o.minNumbers}–${o.maxNumbers} numbers)`,
                        )
                        .join(', ')}
                    </td>
                  </tr>
                  <tr>
                    <th>Duration</th>
                    <td>{durationSec} s</td>
                  </tr>
                  <tr>
                    <th>Strategy</th>
                    <td>{spec.kind}</td>
                  </tr>
                  <tr>
                    <th>Sequences</th>
                    <td>
                      {randomSequences
                        ? 'random per operator and number'
                        : sequenceIds
                            .map((id) => sequences.data?.find((s) => s.id === id)?.name ?? id)
                            .join(', ')}
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
          </fieldset>
        )}
        {problems.length > 0 && step > 0 && (
          <ul className="field-error" aria-live="polite">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <MutationError error={start.error} />
        <div className="row">
          <button type="button" disabled={step === 0} onClick={() => setStep(step - 1)}>
            Back
          </button>
          <button type="submit" className="primary" disabled={problems.length > 0 || start.isPending}>
            {step < STEPS.length - 1 ? 'Next' : start.isPending ? 'Starting…' : 'Start stress run'}
          </button>
        </div>
      </form>
    </section>
  );
}
