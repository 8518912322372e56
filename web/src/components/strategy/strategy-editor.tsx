'use client';

import type { CurveFunction, StrategySpec } from '@gong/core/domain/strategy';
import { useId } from 'react';

export type CustomOperator = Extract<StrategySpec, { kind: 'custom' }>['operators'][number];

export function defaultSpec(kind: StrategySpec['kind'], operatorIds: string[]): StrategySpec {
  switch (kind) {
    case 'full-force':
      return { kind, ratePerNumber: 1, operators: [] };
    case 'balanced-growth':
      return { kind, minRate: 1, maxRate: 10, staggerSec: 5, rampSec: 20, operators: [] };
    case 'random':
      return { kind, minPerNumber: 1, maxPerNumber: 10, operators: [] };
    case 'custom':
      return {
        kind,
        operators: (operatorIds.length ? operatorIds : ['op']).map((operatorId) => ({
          operatorId,
          startDelaySec: 0,
          minRate: 1,
          maxRate: 10,
          curve: { kind: 'linear' },
        })),
      };
  }
}

const KIND_HELP: Record<StrategySpec['kind'], string> = {
  'full-force': 'Same rate for every number of every operator, from the start, for the whole run.',
  'balanced-growth':
    'Each operator starts at a minimum rate, operators start a few seconds apart, grow to the maximum, then come back down to the average.',
  random: 'Each number sends a random number of messages between a minimum and a maximum over the run.',
  custom:
    'Per operator: a minimum and maximum rate and optionally a curve (polynomial or expression of t); linear otherwise.',
};

function Num({
  label,
  value,
  onChange,
  min = 0,
  step = 1,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min?: number;
  step?: number;
}) {
  return (
    <label>
      {label}
      <input
        type="number"
        min={min}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
    </label>
  );
}

/** Edits a strategy spec. `operatorIds`/`operatorNames` feed the custom kind's per-operator rows. */
export function StrategyEditor({
  value,
  onChange,
  operatorIds,
  operatorNames = {},
}: {
  value: StrategySpec;
  onChange: (s: StrategySpec) => void;
  operatorIds: string[];
  operatorNames?: Record<string, string>;
}) {
  const id = useId();
  return (
    <div className="stack">
      <label htmlFor={`${id}-kind`}>
        Strategy
        <select
          id={`${id}-kind`}
          value={value.kind}
          onChange={(e) => onChange(defaultSpec(e.target.value as StrategySpec['kind'], operatorIds))}
        >
          <option value="full-force">Full force</option>
          <option value="balanced-growth">Balanced growth</option>
          <option value="random">Random</option>
          <option value="custom">Custom curve</option>
        </select>
      </label>
      <p className="muted small">{KIND_HELP[value.kind]}</p>
      <div className="form-grid">
        {value.kind === 'full-force' && (
          <Num
            label="Messages/s per number"
            value={value.ratePerNumber}
            step={0.1}
            onChange={(v) => onChange({ ...value, ratePerNumber: v })}
          />
        )}
        {value.kind === 'balanced-growth' && (
          <>
            <Num
              label="Min rate (msg/s per operator)"
              value={value.minRate}
              onChange={(v) => onChange({ ...value, minRate: v })}
            />
            <Num
              label="Max rate (msg/s per operator)"
              value={value.maxRate}
              onChange={(v) => onChange({ ...value, maxRate: v })}
            />
            <Num
              label="Stagger between operators (s)"
              value={value.staggerSec}
              onChange={(v) => onChange({ ...value, staggerSec: v })}
            />
            <Num
              label="Ramp time (s)"
              value={value.rampSec}
              min={1}
              onChange={(v) => onChange({ ...value, rampSec: v })}
            />
          </>
        )}
        {value.kind === 'random' && (
          <>
            <Num
              label="Min messages per number"
              value={value.minPerNumber}
              onChange={(v) => onChange({ ...value, minPerNumber: v })}
            />
            <Num
              label="Max messages per number"
              value={value.maxPerNumber}
              onChange={(v) => onChange({ ...value, maxPerNumber: v })}
            />
          </>
        )}
      </div>
      {value.kind === 'custom' && (
        <CustomOperators
          ops={syncOps(value.operators, operatorIds)}
          names={operatorNames}
          onChange={(operators) => onChange({ kind: 'custom', operators })}
        />
      )}
    </div>
  );
}

function syncOps(ops: CustomOperator[], ids: string[]): CustomOperator[] {
  if (ids.length === 0) return ops;
  return ids.map(
    (operatorId) =>
      ops.find((o) => o.operatorId === operatorId) ?? {
        operatorId,
        startDelaySec: 0,
        minRate: 1,
        maxRate: 10,
        curve: { kind: 'linear' },
      },
  );
}

function CustomOperators({
  ops,
  names,
  onChange,
}: {
  ops: CustomOperator[];
  names: Record<string, string>;
  onChange: (ops: CustomOperator[]) => void;
}) {
  const set = (i: number, patch: Partial<CustomOperator>) =>
    onChange(ops.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <div className="stack">
      {ops.map((o, i) => (
        <fieldset key={o.operatorId}>
          <legend>{names[o.operatorId] ?? o.operatorId}</legend>
          <div className="form-grid">
            <Num label="Min rate (msg/s)" value={o.minRate} onChange={(v) => set(i, { minRate: v })} />
            <Num label="Max rate (msg/s)" value={o.maxRate} onChange={(v) => set(i, { maxRate: v })} />
            <Num
              label="Start delay (s)"
              value={o.startDelaySec}
              onChange={(v) => set(i, { startDelaySec: v })}
            />
            <CurveInput curve={o.curve} onChange={(curve) => set(i, { curve })} />
          </div>
        </fieldset>
      ))}
    </div>
  );
}

function CurveInput({ curve, onChange }: { curve: CurveFunction; onChange: (c: CurveFunction) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={`${id}-k`}>
        Curve
        <select
          id={`${id}-k`}
          value={curve.kind}
          onChange={(e) => {
            const k = e.target.value;
            if (k === 'linear') onChange({ kind: 'linear' });
            else if (k === 'polynomial') onChange({ kind: 'polynomial', coefficients: [0, 1] });
            else onChange({ kind: 'expression', expression: 'sin(t / 10) + 1' });
          }}
        >
          <option value="linear">Linear (min → max)</option>
          <option value="polynomial">Polynomial of t</option>
          <option value="expression">Expression of t</option>
        </select>
      </label>
      {curve.kind === 'polynomial' && (
        <label htmlFor={`${id}-c`}>
          Coefficients c0, c1, c2 …
          <input
            id={`${id}-c`}
            defaultValue={curve.coefficients.join(', ')}
            onBlur={(e) => {
              const cs = e.target.value
                .split(',')
                .map((x) => Number(x.trim()))
                .filter((x) => Number.isFinite(x));
              if (cs.length > 0) onChange({ kind: 'polynomial', coefficients: cs.slice(0, 10) });
            }}
          />
        </label>
      )}
      {curve.kind === 'expression' && (
        <label htmlFor={`${id}-e`}>
          Expression of t
          <input
            id={`${id}-e`}
            value={curve.expression}
            onChange={(e) => onChange({ kind: 'expression', expression: e.target.value || 't' })}
          />
        </label>
      )}
    </>
  );
}
