import { createServer, type IncomingMessage, type Server } from 'node:http';

/** A created issue as the fake received it. */
export interface FakeJiraIssue {
  key: string;
  fields: {
    project?: { key?: string };
    summary?: string;
    description?: string;
    issuetype?: { name?: string };
  };
  authorization: string | undefined;
}

/**
 * A local HTTP server standing in for Jira's REST API v2: `POST /rest/api/2/issue` with a bearer
 * token creates an issue `<PROJECT>-<n>`; a wrong token gets 401, an unknown project or a missing
 * summary 400 with Jira's error shape ({ errorMessages, errors }).
 */
export interface FakeJira {
  url: string;
  issues: FakeJiraIssue[];
  close(): Promise<void>;
}

export async function startFakeJira(options: { token: string; projects: string[] }): Promise<FakeJira> {
  const issues: FakeJiraIssue[] = [];
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => resolve(body));
    });
  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/rest/api/2/issue')
      return send(404, { errorMessages: ['Not found'] });
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      return send(401, {
        errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
      });
    }
    let parsed: { fields?: FakeJiraIssue['fields'] };
    try {
      parsed = JSON.parse(await read(req));
    } catch {
      return send(400, { errorMessages: ['Unexpected character in JSON body'] });
    }
    const fields = parsed.fields ?? {};
    const project = fields.project?.key ?? '';
    const errors: Record<string, string> = {};
    if (!options.projects.includes(project)) errors.project = 'valid project is required';
    if (!fields.summary) errors.summary = 'You must specify a summary of the issue.';
    if (!fields.issuetype?.name) errors.issuetype = 'valid issue type is required';
    if (Object.keys(errors).length > 0) return send(400, { errorMessages: [], errors });
    const key = `${project}-${issues.length + 1}`;
    issues.push({ key, fields, authorization: req.headers.authorization });
    return send(201, { id: String(10000 + issues.length), key, self: `http://jira/rest/api/2/issue/${key}` });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake Jira has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    issues,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
