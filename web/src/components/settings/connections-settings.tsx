'use client';

import { useState } from 'react';
import { HealthBadge } from '@/components/dashboard/health-dot';
import { ErrorBox, Loading, MutationError } from '@/components/ui/query-state';
import { useApplyJcli, useJcliScript, useTestConnection } from '@/lib/api/connections';
import { useRemove, useSave } from '@/lib/api/crud';
import { type ConnectionView, useConnections } from '@/lib/api/resources';
import { CopyButton } from './copy-button';
import { type EntityFormProps, EntitySection } from './entity-section';
import { FormActions } from './form-actions';

interface Form {
  name: string;
  kind: 'jasmin' | 'kannel' | 'generic';
  jcliHost: string;
  jcliPort: number;
  jcliUser: string;
  jcliPassword: string;
  smppHost: string;
  smppPort: number;
  smppSystemId: string;
  smppPassword: string;
  httpHost: string;
  httpPort: number;
  gongHost: string;
  submitThroughput: number;
  shortCode: string;
}

const EMPTY: Form = {
  name: '',
  kind: 'jasmin',
  jcliHost: '127.0.0.1',
  jcliPort: 8990,
  jcliUser: 'jcliadmin',
  jcliPassword: '',
  smppHost: '127.0.0.1',
  smppPort: 2775,
  smppSystemId: '',
  smppPassword: '',
  httpHost: '',
  httpPort: 1401,
  gongHost: '127.0.0.1',
  submitThroughput: 0,
  shortCode: '1234',
};

function toForm(c: ConnectionView): Form {
  return {
    name: c.name,
    kind: c.kind,
    jcliHost: c.jcli.host,
    jcliPort: c.jcli.port,
    jcliUser: c.jcli.username,
    jcliPassword: '',
    smppHost: c.smpp.host,
    smppPort: c.smpp.port,
    smppSystemId: c.smpp.systemId,
    smppPassword: '',
    httpHost: c.http?.host ?? '',
    httpPort: c.http?.port ?? 1401,
    gongHost: c.gongHost,
    submitThroughput: c.submitThroughput,
    shortCode: c.shortCode,
  };
}

function toBody(f: Form) {
  return {
    name: f.name,
    kind: f.kind,
    jcli: {
      host: f.jcliHost,
      port: f.jcliPort,
      username: f.jcliUser,
      ...(f.jcliPassword ? { password: f.jcliPassword } : {}),
    },
    smpp: {
      host: f.smppHost,
      port: f.smppPort,
      systemId: f.smppSystemId,
      ...(f.smppPassword ? { password: f.smppPassword } : {}),
    },
    ...(f.httpHost ? { http: { host: f.httpHost, port: f.httpPort } } : {}),
    gongHost: f.gongHost,
    submitThroughput: f.submitThroughput,
    shortCode: f.shortCode,
  };
}

export function ConnectionsSettings() {
  const list = useConnections();
  return (
    <EntitySection
      title="Connections"
      query={list}
      render={(c) => <span>{c.name}</span>}
      empty="No connections yet. Press New to describe your first gateway."
      hint="Pick a connection to edit it and see its jCli script, or press New. A connection is one gateway: its jCli admin port (Jasmin: 8990), its SMPP server (2775) and the address where the gateway reaches Gong's workers."
      form={(p) => <ConnectionForm {...p} />}
      below={(c) => <JcliPanel id={c.id} />}
    />
  );
}

function ConnectionForm({ initial, onSaved, onDeleted }: EntityFormProps<ConnectionView>) {
  const [f, setF] = useState<Form>(initial ? toForm(initial) : EMPTY);
  const save = useSave<ConnectionView>('connections');
  const remove = useRemove('connections');
  const text = (k: keyof Form) => ({
    value: String(f[k]),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: e.target.value }),
  });
  const num = (k: keyof Form) => ({
    type: 'number',
    value: Number(f[k]),
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setF({ ...f, [k]: Number(e.target.value) }),
  });
  return (
    <form
      className="panel stack"
      aria-label="Connection"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ id: initial?.id, data: toBody(f) }, { onSuccess: (c) => onSaved(c) });
      }}
    >
      <h2>{initial ? `Edit ${initial.name}` : 'New connection'}</h2>
      <div className="form-grid">
        <label>
          Name
          <input required maxLength={80} {...text('name')} />
        </label>
        <label>
          Gateway kind
          <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as Form['kind'] })}>
            <option value="jasmin">Jasmin</option>
            <option value="kannel">Kannel</option>
            <option value="generic">Other SMPP 3.4</option>
          </select>
        </label>
        <label>
          Short code
          <input required {...text('shortCode')} />
        </label>
      </div>
      <fieldset>
        <legend>Gateway admin (Jasmin jCli)</legend>
        <div className="form-grid">
          <label>
            jCli host
            <input required {...text('jcliHost')} />
          </label>
          <label>
            jCli port
            <input min={1} max={65535} {...num('jcliPort')} />
          </label>
          <label>
            jCli user
            <input {...text('jcliUser')} />
          </label>
          <label>
            jCli password
            <input
              type="password"
              autoComplete="new-password"
              placeholder={initial?.jcli.hasPassword ? 'unchanged' : 'jclipwd'}
              {...text('jcliPassword')}
            />
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Gateway SMPP server (ESME mode) and HTTP API</legend>
        <div className="form-grid">
          <label>
            SMPP host
            <input required {...text('smppHost')} />
          </label>
          <label>
            SMPP port
            <input min={1} max={65535} {...num('smppPort')} />
          </label>
          <label>
            SMPP system_id
            <input maxLength={15} {...text('smppSystemId')} />
          </label>
          <label>
            SMPP password
            <input
              type="password"
              maxLength={8}
              autoComplete="new-password"
              placeholder={initial?.smpp.hasPassword ? 'unchanged' : ''}
              {...text('smppPassword')}
            />
          </label>
          <label>
            HTTP API host (optional)
            <input {...text('httpHost')} />
          </label>
          <label>
            HTTP API port
            <input min={1} max={65535} {...num('httpPort')} />
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Gong side (operator mode)</legend>
        <div className="form-grid">
          <label>
            Gong host as the gateway sees it
            <input required {...text('gongHost')} />
          </label>
          <label>
            submit_throughput (0 = unlimited)
            <input min={0} {...num('submitThroughput')} />
          </label>
        </div>
        <p className="muted small">
          Jasmin defaults submit_throughput to 1 msg/s per connector: set 0 for stress tests. Each connector
          keeps about one submit in flight, so its throughput is roughly 1 / latency.
        </p>
      </fieldset>
      <FormActions
        save={save}
        remove={remove}
        saveLabel="Save connection"
        onDelete={
          initial && {
            label: `connection ${initial.name}`,
            run: () => remove.mutate(initial.id, { onSuccess: onDeleted }),
          }
        }
      />
    </form>
  );
}

function JcliPanel({ id }: { id: string }) {
  const script = useJcliScript(id);
  const test = useTestConnection();
  const apply = useApplyJcli();
  return (
    <section className="panel stack" aria-labelledby="jcli-h">
      <div className="spread">
        <h2 id="jcli-h">Gateway setup (jCli script)</h2>
        <div className="row">
          <button type="button" onClick={() => test.mutate(id)} disabled={test.isPending}>
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" onClick={() => apply.mutate(id)} disabled={apply.isPending}>
            {apply.isPending ? 'Applying…' : 'Apply over telnet'}
          </button>
          {script.data && <CopyButton text={script.data.script} label="Copy script" />}
        </div>
      </div>
      {test.data && (
        <div className="row" data-testid="connection-test-result">
          <HealthBadge colour={test.data.health.colour} /> {test.data.health.reason}
          {test.data.health.details && test.data.health.details.length > 0 && (
            <ul className="small muted">
              {test.data.health.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {apply.isSuccess && <p className="ok">The gateway accepted the script.</p>}
      <MutationError error={test.error ?? apply.error} />
      {script.isPending && <Loading what="the script" />}
      {script.isError && <ErrorBox error={script.error} retry={() => script.refetch()} />}
      {script.data && (
        <>
          {script.data.warnings.length > 0 && (
            <ul data-testid="jcli-warnings">
              {script.data.warnings.map((w) => (
                <li key={w.code + w.message} className={w.level === 'warn' ? 'warn' : 'muted'}>
                  <strong>{w.level}</strong> {w.message}
                </li>
              ))}
            </ul>
          )}
          <pre className="script mono" data-testid="jcli-script">
            {script.data.script}
          </pre>
          <p className="muted small">
            Paste into <code>telnet &lt;jcli host&gt; 8990</code> (jCli listens on 127.0.0.1 by default), or
            press Apply when Gong can reach it. Add operators to get one connector per operator.
          </p>
        </>
      )}
    </section>
  );
}
