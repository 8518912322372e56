'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Empty, ErrorBox, Loading } from '@/components/ui/query-state';
import { useConnections } from '@/lib/api/resources';
import { type RunFilters, useRuns } from '@/lib/api/runs';
import { fmtDateTime } from '@/lib/format';

const VERDICT_COLOUR: Record<string, string> = {
  regressed: 'red',
  improved: 'green',
  'no-change': '',
  none: '',
};

/** Past runs with filters; tick two or more to compare them. */
export function ResultsList() {
  const router = useRouter();
  const conns = useConnections();
  const [form, setForm] = useState({ connectionId: '', strategy: '', from: '', to: '', verdict: '' });
  const [filters, setFilters] = useState<RunFilters>({});
  const [picked, setPicked] = useState<string[]>([]);
  const runs = useRuns(filters);
  const connName = (id: string) => conns.data?.find((c) => c.id === id)?.name ?? id;

  function apply(e: React.FormEvent) {
    e.preventDefault();
    const toMs = (d: string, endOfDay: boolean) =>
      d ? String(new Date(`${d}T${endOfDay ? '23:59:59' : '00:00:00'}`).getTime()) : undefined;
    setFilters({
      connectionId: form.connectionId || undefined,
      strategy: form.strategy || undefined,
      from: toMs(form.from, false),
      to: toMs(form.to, true),
      verdict: form.verdict || undefined,
    });
  }

  return (
    <>
      <h1>Results</h1>
      <form className="panel form-grid" onSubmit={apply} aria-label="Filter runs">
        <label>
          Connection
          <select
            value={form.connectionId}
            onChange={(e) => setForm({ ...form, connectionId: e.target.value })}
          >
            <option value="">any</option>
            {(conns.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Strategy
          <select value={form.strategy} onChange={(e) => setForm({ ...form, strategy: e.target.value })}>
            <option value="">any</option>
            <option value="full-force">full force</option>
            <option value="balanced-growth">balanced growth</option>
            <option value="random">random</option>
            <option value="custom">custom</option>
          </select>
        </label>
        <label>
          From
          <input type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </label>
        <label>
          Verdict
          <select value={form.verdict} onChange={(e) => setForm({ ...form, verdict: e.target.value })}>
            <option value="">any</option>
            <option value="regressed">regressed</option>
            <option value="improved">improved</option>
            <option value="no-change">no change</option>
            <option value="none">not compared</option>
          </select>
        </label>
        <div style={{ alignSelf: 'end' }}>
          <button type="submit" className="primary">
            Apply filters
          </button>
        </div>
      </form>
      <div style={{ height: 16 }} />
      <section className="panel">
        <div className="spread">
          <h2>Runs</h2>
          <button
            type="button"
            className="primary"
            disabled={picked.length < 2}
            onClick={() => router.push(`/results/compare?ids=${picked.join(',')}`)}
          >
            Compare {picked.length >= 2 ? `${picked.length} runs` : '(tick 2 or more)'}
          </button>
        </div>
        {runs.isPending && <Loading what="runs" />}
        {runs.isError && <ErrorBox error={runs.error} retry={() => runs.refetch()} />}
        {runs.data &&
          (runs.data.items.length === 0 ? (
            <Empty>
              No runs match. Start one in <Link href="/stress">Stress testing</Link>, or loosen the filters.
            </Empty>
          ) : (
            <table data-testid="runs-table">
              <thead>
                <tr>
                  <th>Compare</th>
                  <th>Run</th>
                  <th>Connection</th>
                  <th>Strategy</th>
                  <th>Started</th>
                  <th>Duration</th>
                  <th>State</th>
                  <th>Verdict</th>
                </tr>
              </thead>
              <tbody>
                {runs.data.items.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Compare run ${r.plan.name || 'of'} ${fmtDateTime(r.startAt ?? r.createdAt)} (${r.id})`}
                        checked={picked.includes(r.id)}
                        onChange={(e) =>
                          setPicked(e.target.checked ? [...picked, r.id] : picked.filter((x) => x !== r.id))
                        }
                      />
                    </td>
                    <td>
                      <Link href={`/results/${r.id}`}>{r.plan.name || `Run ${r.id}`}</Link>
                      <div className="muted small">by {r.startedByName || r.startedBy}</div>
                    </td>
                    <td>{connName(r.plan.connectionId)}</td>
                    <td>{r.plan.strategy.kind}</td>
                    <td>{fmtDateTime(r.startAt ?? r.createdAt)}</td>
                    <td>{r.plan.durationSec} s</td>
                    <td>{r.state}</td>
                    <td>
                      <span className={`badge ${VERDICT_COLOUR[r.verdict] ?? ''}`}>{r.verdict}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        {runs.data?.cursor && (
          <p className="muted small">Showing the newest 100 runs; narrow the filters to see older ones.</p>
        )}
      </section>
    </>
  );
}
