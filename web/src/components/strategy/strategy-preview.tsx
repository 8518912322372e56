'use client';

import type { StrategySpec } from '@gong/core/domain/strategy';
import { useEffect, useState } from 'react';
import { LineChart } from '@/components/charts/line-chart';
import { ErrorBox } from '@/components/ui/query-state';
import { useStrategyPreview } from '@/lib/api/runs';

/** Live preview of the planned curve (POST /strategies/preview), debounced while the user types. */
export function StrategyPreview({
  strategy,
  durationSec,
  operators,
  names = {},
}: {
  strategy: StrategySpec;
  durationSec: number;
  operators: { operatorId: string; numberCount: number }[];
  names?: Record<string, string>;
}) {
  const input = operators.length > 0 && durationSec >= 1 ? { strategy, durationSec, operators } : null;
  const [debounced, setDebounced] = useState(input);
  const inputKey = JSON.stringify(input);
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the serialized input
  useEffect(() => {
    const t = setTimeout(() => setDebounced(input), 300);
    return () => clearTimeout(t);
  }, [inputKey]);
  const q = useStrategyPreview(debounced);
  if (!input)
    return <p className="muted">Pick at least one operator and a duration to see the planned load.</p>;
  if (q.isError) return <ErrorBox error={q.error} />;
  const data = q.data;
  const series = data
    ? [
        ...Object.entries(data.perOperator).map(([id, ys]) => ({
          id: names[id] ?? id,
          data: ys.map((y, i) => ({ x: data.seconds[i] ?? i, y })),
        })),
        ...(Object.keys(data.perOperator).length > 1
          ? [{ id: 'total', data: data.total.map((y, i) => ({ x: data.seconds[i] ?? i, y })) }]
          : []),
      ]
    : [];
  const total = data ? Math.round(data.total.reduce((a, b) => a + b, 0)) : undefined;
  return (
    <div data-testid="strategy-preview">
      <LineChart series={series} xLabel="second" yLabel="messages/s" label="Planned load" height={220} />
      <p className="muted small">
        {q.isFetching
          ? 'Updating preview…'
          : total !== undefined
            ? `About ${total.toLocaleString()} messages in total.`
            : ''}
      </p>
    </div>
  );
}
