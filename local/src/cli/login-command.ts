import { env } from '../env';
import { ApiClient, apiUrlOf, storeToken } from './api-client';
import { flag } from './args';

/** `gong login --email E --password P [--api URL]`: stores a token for later commands. */
export async function loginCommand(argv: string[]): Promise<number> {
  const email = flag(argv, '--email');
  const password = flag(argv, '--password') ?? env.GONG_PASSWORD;
  if (!email || !password) {
    console.error(
      'usage: gong login --email you@example.com --password … [--api URL]  (or GONG_PASSWORD in the environment)',
    );
    return 2;
  }
  const url = apiUrlOf(argv);
  const result = await new ApiClient(url).login(email, password);
  storeToken(url, result);
  console.log(
    `logged in to ${url} as ${result.user.name} <${result.user.email}> (tenant ${result.user.tenantId}; roles ${result.user.roles.join(', ')})`,
  );
  return 0;
}
