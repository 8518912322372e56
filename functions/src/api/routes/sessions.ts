import { FunctionalSession } from '@gong/core/domain/functional-session';
import { z } from 'zod';
import { exportToJira, JiraExportBody, jiraDescription, type SessionHeader } from '../../sessions/jira';
import { readSessionLog, sessionCsv, sessionStats } from '../../sessions/session-log';
import {
  advanceSession,
  fullLog,
  getSession,
  PatchSession,
  SendMessage,
  StartAuto,
  StartSession,
  StopSession,
  sendMessage,
  setRecord,
  startAuto,
  startSession,
  stopSession,
} from '../../sessions/session-service';
import type { ApiDeps } from '../deps';
import { type AnyRoute, route } from '../router';
import { ListQuery, pathId } from './crud';

const TAG = 'sessions';
const LogQuery = z.object({
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const on = (name: string | undefined) => (name ? `functional session on ${name}` : 'functional testing');

/** Functional sessions: one user, one connection, one operator, one number. */
export function sessionRoutes(deps: ApiDeps): AnyRoute[] {
  const id = (params: Record<string, string>) => pathId(params, 'functional session');
  const sessionHeader = async (
    s: FunctionalSession,
    who: { name?: string; email: string },
  ): Promise<SessionHeader> => {
    const [operator, connection] = await Promise.all([
      deps.repositories.operators.get(s.tenantId, s.operatorId),
      deps.repositories.connections.get(s.tenantId, s.connectionId),
    ]);
    return {
      id: s.id,
      msisdn: s.msisdn,
      operatorName: operator?.name ?? s.operatorId,
      connectionName: connection?.name ?? s.connectionId,
      userName: who.name || who.email,
    };
  };
  const operatorName = async (tenantId: string, operatorId: string) =>
    (await deps.repositories.operators.get(tenantId, operatorId))?.name;
  return [
    route({
      method: 'POST',
      path: '/sessions',
      auth: 'tester',
      tag: TAG,
      summary: 'Start a functional session (connection, operator, existing or new number, mode)',
      body: StartSession,
      response: FunctionalSession,
      async handle({ principal, body }) {
        const { session, operator } = await startSession(deps, principal, body);
        return { status: 201, json: session, activity: on(operator.name) };
      },
    }),
    route({
      method: 'GET',
      path: '/sessions',
      auth: 'viewer',
      tag: TAG,
      summary: 'List functional sessions (paged)',
      query: ListQuery,
      activity: 'functional testing',
      async handle({ principal, query }) {
        const page = await deps.repositories.sessions.list(principal.tenantId, query);
        return { json: { items: page.items, ...(page.cursor ? { cursor: page.cursor } : {}) } };
      },
    }),
    route({
      method: 'GET',
      path: '/sessions/{id}',
      auth: 'viewer',
      tag: TAG,
      summary: 'One functional session',
      response: FunctionalSession,
      async handle({ principal, params }) {
        const s = await getSession(deps, principal.tenantId, id(params));
        return { json: s, activity: on(await operatorName(s.tenantId, s.operatorId)) };
      },
    }),
    route({
      method: 'POST',
      path: '/sessions/{id}/send',
      auth: 'tester',
      tag: TAG,
      summary: 'Send one message now (with an optional expectation)',
      body: SendMessage,
      response: FunctionalSession,
      async handle({ principal, params, body }) {
        const { session, operator } = await sendMessage(deps, principal, id(params), body);
        return { status: 202, json: session, activity: on(operator.name) };
      },
    }),
    route({
      method: 'POST',
      path: '/sessions/{id}/advance',
      auth: 'tester',
      tag: TAG,
      summary: "Manual mode: send the sequence's next step",
      response: FunctionalSession,
      async handle({ principal, params }) {
        const { session, operator } = await advanceSession(deps, principal, id(params));
        return { status: 202, json: session, activity: on(operator.name) };
      },
    }),
    route({
      method: 'POST',
      path: '/sessions/{id}/auto',
      auth: 'tester',
      tag: TAG,
      summary: 'Run a sequence automatically (stops at the first mismatch when blockOnError)',
      body: StartAuto,
      bodyOptional: true,
      response: FunctionalSession,
      async handle({ principal, params, body }) {
        const { session, operator } = await startAuto(deps, principal, id(params), body);
        return { status: 202, json: session, activity: on(operator.name) };
      },
    }),
    route({
      method: 'POST',
      path: '/sessions/{id}/stop',
      auth: 'tester',
      tag: TAG,
      summary: 'Stop an automated sequence; with { close: true } also close the session',
      body: StopSession,
      bodyOptional: true,
      response: FunctionalSession,
      async handle({ principal, params, body }) {
        const { session, operator } = await stopSession(deps, principal, id(params), body);
        return { json: session, activity: on(operator?.name) };
      },
    }),
    route({
      method: 'PATCH',
      path: '/sessions/{id}',
      auth: 'tester',
      tag: TAG,
      summary: 'Switch recording on or off',
      body: PatchSession,
      response: FunctionalSession,
      async handle({ principal, params, body }) {
        const s = await setRecord(deps, principal, id(params), body.record);
        return { json: s, activity: on(await operatorName(s.tenantId, s.operatorId)) };
      },
    }),
    route({
      method: 'GET',
      path: '/sessions/{id}/log',
      auth: 'viewer',
      tag: TAG,
      summary: 'Log lines with seq >= since; pass `next` back as since to poll',
      query: LogQuery,
      async handle({ principal, params, query }) {
        const s = await getSession(deps, principal.tenantId, id(params));
        const items = await readSessionLog(deps.metrics, s.tenantId, s.id, query.since, query.limit);
        const last = items.at(-1);
        return {
          json: { items, next: last ? last.seq + 1 : query.since, state: s.state, cursor: s.cursor },
          activity: on(await operatorName(s.tenantId, s.operatorId)),
        };
      },
    }),
    route({
      method: 'GET',
      path: '/sessions/{id}/stats',
      auth: 'viewer',
      tag: TAG,
      summary: 'Messages sent and received, average return time',
      async handle({ principal, params }) {
        const s = await getSession(deps, principal.tenantId, id(params));
        return { json: sessionStats(await fullLog(deps, s.tenantId, s.id)) };
      },
    }),
    route({
      method: 'GET',
      path: '/sessions/{id}/export.csv',
      auth: 'viewer',
      tag: TAG,
      summary: 'The session log as CSV',
      produces: 'csv',
      async handle({ principal, params }) {
        const s = await getSession(deps, principal.tenantId, id(params));
        return {
          text: sessionCsv(await fullLog(deps, s.tenantId, s.id)),
          contentType: 'text/csv; charset=utf-8',
          headers: { 'content-disposition': `attachment; filename="session-${s.id}.csv"` },
        };
      },
    }),
    route({
      method: 'GET',
      path: '/sessions/{id}/export.jira.txt',
      auth: 'viewer',
      tag: TAG,
      summary: 'The Jira issue text (wiki markup) the Jira export would create, to paste by hand',
      produces: 'text',
      async handle({ principal, params }) {
        const s = await getSession(deps, principal.tenantId, id(params));
        const [header, entries] = await Promise.all([
          sessionHeader(s, principal),
          fullLog(deps, s.tenantId, s.id),
        ]);
        return {
          text: jiraDescription(header, entries),
          contentType: 'text/plain; charset=utf-8',
          headers: { 'content-disposition': `attachment; filename="session-${s.id}-jira.txt"` },
        };
      },
    }),
    route({
      method: 'POST',
      path: '/sessions/{id}/jira',
      auth: 'tester',
      tag: TAG,
      summary: 'Create a Jira issue holding the session log as a table',
      body: JiraExportBody,
      bodyOptional: true,
      response: z.object({ id: z.string(), key: z.string(), url: z.string() }),
      async handle({ principal, params, body }) {
        const s = await getSession(deps, principal.tenantId, id(params));
        const [header, entries] = await Promise.all([
          sessionHeader(s, principal),
          fullLog(deps, s.tenantId, s.id),
        ]);
        const issue = await exportToJira(deps.config.jira, deps.fetch ?? fetch, header, entries, body);
        return { status: 201, json: issue, activity: on(header.operatorName) };
      },
    }),
  ];
}
