'use client';

import type { Schedule } from '@gong/core/domain/schedule';
import type { StressPlan } from '@gong/core/domain/stress-run';
import { useState } from 'react';
import { useRemove, useSave } from '@/lib/api/crud';
import { useConnections, useOperators, useSchedules, useStrategies } from '@/lib/api/resources';
import { choiceLabel } from '@/lib/choice-label';
import { fmtDateTime } from '@/lib/format';
import { type EntityFormProps, EntitySection } from './entity-section';
import { FormActions } from './form-actions';

/** Saved stress plans that run on a cron (EventBridge style), judged by k6-style thresholds. */
export function SchedulesSettings() {
  const list = useSchedules();
  return (
    <EntitySection
      title="Schedules"
      query={list}
      render={(s) => (
        <>
          <span>{s.name}</span>
          <span className="small">{s.enabled ? s.cron : 'disabled'}</span>
        </>
      )}
      empty="No schedules. Press New to run a stress plan every night and compare it with a baseline."
      hint="Pick a schedule to edit it, or press New."
      form={(p) => <ScheduleForm {...p} />}
    />
  );
}

function ScheduleForm({ initial, onSaved, onDeleted }: EntityFormProps<Schedule>) {
  const conns = useConnections();
  const ops = useOperators();
  const strategies = useStrategies();
  const save = useSave<Schedule>('schedules');
  const remove = useRemove('schedules');
  const [name, setName] = useState(initial?.name ?? '');
  const [cron, setCron] = useState(initial?.cron ?? '0 2 * * *');
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const [thresholds, setThresholds] = useState((initial?.thresholds ?? ['p95<500ms', 'drop<1%']).join('\n'));
  const [baselineRunId, setBaselineRunId] = useState(initial?.baselineRunId ?? '');
  const [webhookUrl, setWebhookUrl] = useState(initial?.webhookUrl ?? '');
  const [connectionId, setConnectionId] = useState(initial?.plan.connectionId ?? '');
  const [operatorIds, setOperatorIds] = useState<string[]>(
    initial?.plan.operators.map((o) => o.operatorId) ?? [],
  );
  const [numbers, setNumbers] = useState(initial?.plan.operators[0]?.maxNumbers ?? 10);
  const [durationSec, setDurationSec] = useState(initial?.plan.durationSec ?? 60);
  const [strategyId, setStrategyId] = useState('');
  const spec = strategies.data?.find((s) => s.id === strategyId)?.spec ?? initial?.plan.strategy;
  const connOps = (ops.data ?? []).filter((o) => o.connectionId === connectionId);
  const problems = [
    !connectionId && 'Pick a connection.',
    operatorIds.length === 0 && 'Pick at least one operator.',
    !spec && 'Pick a saved strategy (Settings → Strategies).',
  ].filter(Boolean) as string[];
  return (
    <form
      className="panel stack"
      aria-label="Schedule"
      onSubmit={(e) => {
        e.preventDefault();
        if (problems.length > 0 || !spec) return;
        const plan: Partial<StressPlan> &
          Pick<StressPlan, 'connectionId' | 'operators' | 'durationSec' | 'strategy'> = {
          ...(initial?.plan ?? {}),
          name,
          connectionId,
          operators: operatorIds.map((operatorId) => ({
            operatorId,
            minNumbers: numbers,
            maxNumbers: numbers,
          })),
          durationSec,
          strategy: spec,
        };
        save.mutate(
          {
            id: initial?.id,
            data: {
              name,
              cron,
              enabled,
              plan,
              thresholds: thresholds
                .split('\n')
                .map((t) => t.trim())
                .filter(Boolean),
              ...(baselineRunId ? { baselineRunId } : {}),
              ...(webhookUrl ? { webhookUrl } : {}),
            },
          },
          { onSuccess: (s) => onSaved(s) },
        );
      }}
    >
      <h2>{initial ? `Edit ${initial.name}` : 'New schedule'}</h2>
      {initial?.lastOutcome && (
        <p className="muted">
          Last run {fmtDateTime(initial.lastOutcome.at)}: <strong>{initial.lastOutcome.result}</strong>{' '}
          {initial.lastOutcome.detail}
        </p>
      )}
      <div className="form-grid">
        <label>
          Name
          <input required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Cron (min hour day month weekday)
          <input required className="mono" value={cron} onChange={(e) => setCron(e.target.value)} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
        <label>
          Connection
          <select value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
            <option value="">{choiceLabel(conns, '— choose —', 'no connections yet')}</option>
            {(conns.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Strategy
          <select value={strategyId} onChange={(e) => setStrategyId(e.target.value)}>
            <option value="">
              {initial
                ? `keep (${initial.plan.strategy.kind})`
                : choiceLabel(strategies, '— choose —', 'no strategies yet (Settings → Strategies)')}
            </option>
            {(strategies.data ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Duration (s)
          <input
            type="number"
            min={1}
            value={durationSec}
            onChange={(e) => setDurationSec(Number(e.target.value))}
          />
        </label>
        <label>
          Numbers per operator
          <input type="number" min={1} value={numbers} onChange={(e) => setNumbers(Number(e.target.value))} />
        </label>
        <label>
          Baseline run id (optional)
          <input value={baselineRunId} onChange={(e) => setBaselineRunId(e.target.value)} />
        </label>
        <label>
          Webhook URL (optional)
          <input type="url" value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} />
        </label>
      </div>
      <fieldset>
        <legend>Operators</legend>
        {connOps.length === 0 && <p className="muted">Pick a connection that has operators.</p>}
        <div className="row">
          {connOps.map((o) => (
            <label key={o.id} className="inline">
              <input
                type="checkbox"
                checked={operatorIds.includes(o.id)}
                onChange={(e) =>
                  setOperatorIds(
                    e.target.checked ? [...operatorIds, o.id] : operatorIds.filter((x) => x !== o.id),
                  )
                }
              />
              {o.name}
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        Thresholds (one per line, e.g. p95&lt;500ms, drop&lt;1%)
        <textarea
          rows={3}
          className="mono"
          value={thresholds}
          onChange={(e) => setThresholds(e.target.value)}
        />
      </label>
      <FormActions
        save={save}
        remove={remove}
        saveLabel="Save schedule"
        problems={problems}
        onDelete={
          initial && {
            label: `schedule ${initial.name}`,
            run: () => remove.mutate(initial.id, { onSuccess: onDeleted }),
          }
        }
      />
    </form>
  );
}
