import { DomainError } from '@gong/core/domain/errors';
import { z } from 'zod';
import type { JiraConfig } from '../api/deps';
import { type NumberedLogEntry, sessionStats, sessionWikiTable } from './session-log';

export const JiraExportBody = z.object({
  /** overrides the configured project key */
  projectKey: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,19}$/, 'a Jira project key looks like "GONG"')
    .optional(),
  summary: z.string().min(1).max(250).optional(),
  issueType: z.string().min(1).max(60).default('Task'),
});
export type JiraExportBody = z.infer<typeof JiraExportBody>;

export interface JiraIssueRef {
  id: string;
  key: string;
  url: string;
}

export interface SessionHeader {
  id: string;
  msisdn: string;
  operatorName: string;
  connectionName: string;
  userName: string;
}

/** The issue description in Jira wiki markup: who, where, the stats and the log as a table. */
export function jiraDescription(header: SessionHeader, entries: readonly NumberedLogEntry[]): string {
  const stats = sessionStats(entries);
  return [
    `Functional session ${header.id} on *${header.operatorName}* via connection *${header.connectionName}*, number ${header.msisdn}, by ${header.userName}.`,
    '',
    `Sent: ${stats.sent} · received: ${stats.received} · average return time: ${stats.averageReturnMs ?? '–'} ms`,
    '',
    sessionWikiTable(entries),
  ].join('\n');
}

/** Creates a Jira issue (REST v2 `POST /rest/api/2/issue`) whose description holds the log as a table. */
export async function exportToJira(
  config: JiraConfig | undefined,
  http: typeof fetch,
  header: SessionHeader,
  entries: readonly NumberedLogEntry[],
  body: JiraExportBody,
): Promise<JiraIssueRef> {
  if (!config) {
    throw new DomainError(
      'UNAVAILABLE',
      'Jira export is not configured: set GONG_JIRA_BASE_URL, GONG_JIRA_PROJECT and GONG_JIRA_TOKEN',
    );
  }
  const description = jiraDescription(header, entries);
  const base = config.baseUrl.replace(/\/+$/, '');
  const payload = {
    fields: {
      project: { key: body.projectKey ?? config.projectKey },
      summary:
        body.summary ?? `Gong functional session ${header.id} (${header.operatorName}, ${header.msisdn})`,
      description,
      issuetype: { name: body.issueType },
    },
  };
  let response: Response;
  try {
    response = await http(`${base}/rest/api/2/issue`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${config.token}`,
      },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (cause) {
    throw new DomainError('UNAVAILABLE', `Jira at ${base} is not reachable: ${(cause as Error).message}`, {
      cause,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw new DomainError(
      'UNAVAILABLE',
      `Jira refused the issue (HTTP ${response.status}): ${jiraMessage(text)}`,
      {
        details: { status: response.status },
      },
    );
  }
  const created = z.object({ id: z.string(), key: z.string() }).safeParse(safeJson(text));
  if (!created.success) throw new DomainError('UNAVAILABLE', 'Jira answered without an issue key');
  return { ...created.data, url: `${base}/browse/${created.data.key}` };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function jiraMessage(text: string): string {
  const parsed = z
    .object({
      errorMessages: z.array(z.string()).default([]),
      errors: z.record(z.string(), z.string()).default({}),
    })
    .safeParse(safeJson(text));
  if (parsed.success) {
    const all = [
      ...parsed.data.errorMessages,
      ...Object.entries(parsed.data.errors).map(([k, v]) => `${k}: ${v}`),
    ];
    if (all.length > 0) return all.join('; ').slice(0, 500);
  }
  return text.slice(0, 200) || 'no message';
}
