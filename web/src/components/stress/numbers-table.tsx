'use client';

import { useState } from 'react';
import { ErrorBox, Loading } from '@/components/ui/query-state';
import { type NumberRow, useRunNumbers } from '@/lib/api/runs';
import { fmtMs, fmtNum } from '@/lib/format';

const COLUMNS: { key: keyof NumberRow; label: string; num?: boolean; fmt?: (r: NumberRow) => string }[] = [
  { key: 'msisdn', label: 'Number' },
  { key: 'operatorId', label: 'Operator' },
  { key: 'sent', label: 'Sent', num: true },
  { key: 'responses', label: 'Responses', num: true },
  { key: 'valid', label: 'Valid', num: true },
  { key: 'invalid', label: 'Invalid', num: true },
  { key: 'unanswered', label: 'Unanswered', num: true },
  { key: 'sentPerSec', label: 'Sent/s', num: true, fmt: (r) => r.sentPerSec.toFixed(2) },
  { key: 'responsesPerSec', label: 'Resp/s', num: true, fmt: (r) => r.responsesPerSec.toFixed(2) },
  { key: 'meanLatencyMs', label: 'Avg latency', num: true, fmt: (r) => fmtMs(r.meanLatencyMs) },
  { key: 'idleMs', label: 'Idle', num: true, fmt: (r) => fmtMs(r.idleMs) },
];

const PAGE = 25;

/** Per-number analytics, sorted and paged by the API (cursor pages; we keep a stack to go back). */
export function NumbersTable({
  runId,
  live,
  names,
}: {
  runId: string;
  live: boolean;
  names: Record<string, string>;
}) {
  const [sort, setSort] = useState<string>('sent');
  const [order, setOrder] = useState<'asc' | 'desc'>('desc');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const q = useRunNumbers(runId, { sort, order, limit: PAGE, cursor }, live);

  function sortBy(key: string) {
    if (key === sort) setOrder(order === 'asc' ? 'desc' : 'asc');
    else {
      setSort(key);
      setOrder('desc');
    }
    setCursors([undefined]);
  }

  return (
    <section className="panel" aria-labelledby="numbers-h">
      <h2 id="numbers-h">Per number</h2>
      {q.isPending && <Loading what="numbers" />}
      {q.isError && <ErrorBox error={q.error} retry={() => q.refetch()} />}
      {q.data && (
        <>
          <div style={{ overflowX: 'auto' }}>
            <table data-testid="numbers-table">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.key}
                      className={c.num ? 'num' : undefined}
                      aria-sort={sort === c.key ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
                    >
                      <button type="button" className="link" onClick={() => sortBy(c.key)}>
                        {c.label}
                        {sort === c.key ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {q.data.items.length === 0 && (
                  <tr>
                    <td colSpan={COLUMNS.length} className="muted">
                      No number has sent anything yet{live ? ' — rows appear as the run progresses.' : '.'}
                    </td>
                  </tr>
                )}
                {q.data.items.map((r) => (
                  <tr key={r.msisdn}>
                    {COLUMNS.map((c) => (
                      <td key={c.key} className={c.num ? 'num' : undefined}>
                        {c.fmt
                          ? c.fmt(r)
                          : c.key === 'operatorId'
                            ? (names[r.operatorId] ?? r.operatorId)
                            : typeof r[c.key] === 'number'
                              ? fmtNum(r[c.key] as number)
                              : String(r[c.key])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <span className="muted small">Page {cursors.length}</span>
            <button
              type="button"
              disabled={cursors.length <= 1}
              onClick={() => setCursors(cursors.slice(0, -1))}
            >
              Previous
            </button>
            <button
              type="button"
              disabled={!q.data.cursor}
              onClick={() => q.data.cursor && setCursors([...cursors, q.data.cursor])}
            >
              Next
            </button>
          </div>
        </>
      )}
    </section>
  );
}
