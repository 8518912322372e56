'use client';

import { useState } from 'react';
import { Empty, ErrorBox, Loading, MutationError } from '@/components/ui/query-state';
import { downloadUrl } from '@/lib/api/client';
import { useRemove } from '@/lib/api/crud';
import { useScenarios } from '@/lib/api/resources';
import { useImportScenario } from '@/lib/api/scenarios';
import { fmtDateTime } from '@/lib/format';

/** Scenario files (OpenLC-style XML or JSON): import by upload or paste, export in either format. */
export function ScenariosSettings() {
  const list = useScenarios();
  const imp = useImportScenario();
  const remove = useRemove('scenarios');
  const [format, setFormat] = useState<'xml' | 'json'>('xml');
  const [source, setSource] = useState('');
  const [name, setName] = useState('');
  return (
    <div className="grid grid-2">
      <form
        className="panel stack"
        aria-label="Import a scenario"
        onSubmit={(e) => {
          e.preventDefault();
          imp.mutate(
            { format, source, ...(name ? { name } : {}) },
            {
              onSuccess: () => {
                setSource('');
                setName('');
              },
            },
          );
        }}
      >
        <h2>Import a scenario</h2>
        <div className="form-grid">
          <label>
            Format
            <select value={format} onChange={(e) => setFormat(e.target.value as 'xml' | 'json')}>
              <option value="xml">XML (OpenLC style)</option>
              <option value="json">JSON</option>
            </select>
          </label>
          <label>
            Name (optional)
            <input value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          </label>
          <label>
            File
            <input
              type="file"
              accept=".xml,.json,application/xml,application/json"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                setSource(await file.text());
                setFormat(file.name.endsWith('.json') ? 'json' : 'xml');
              }}
            />
          </label>
        </div>
        <label>
          Scenario source
          <textarea
            rows={12}
            className="mono"
            required
            value={source}
            onChange={(e) => setSource(e.target.value)}
          />
        </label>
        <MutationError error={imp.error} />
        <div className="row">
          <button type="submit" className="primary" disabled={!source.trim() || imp.isPending}>
            Import
          </button>
          {imp.isSuccess && <span className="ok">Imported {imp.data.name}.</span>}
        </div>
      </form>
      <section className="panel" aria-labelledby="scn-h">
        <h2 id="scn-h">Saved scenarios</h2>
        {list.isPending && <Loading what="scenarios" />}
        {list.isError && <ErrorBox error={list.error} retry={() => list.refetch()} />}
        {list.data && list.data.length === 0 && (
          <Empty>No scenarios yet. Paste or upload an XML or JSON scenario file on the left.</Empty>
        )}
        {list.data && list.data.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Format</th>
                <th>Updated</th>
                <th>Export</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td>{s.format}</td>
                  <td>{fmtDateTime(s.updatedAt)}</td>
                  <td className="row">
                    <a href={downloadUrl(`/scenarios/${s.id}/export`, { format: 'xml' })} download>
                      XML
                    </a>
                    <a href={downloadUrl(`/scenarios/${s.id}/export`, { format: 'json' })} download>
                      JSON
                    </a>
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => {
                        if (window.confirm(`Delete scenario ${s.name}?`)) remove.mutate(s.id);
                      }}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <MutationError error={remove.error} />
      </section>
    </div>
  );
}
