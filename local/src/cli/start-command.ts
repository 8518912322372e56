import { DEMO_PASSWORD, DEMO_USERS } from '@gong/seeds/demo';
import { dataDir, env } from '../env';
import { startStack } from '../stack/start-stack';
import { flag, numberFlag } from './args';
import { missingPrereqs } from './prereqs';

export async function startCommand(argv: string[]): Promise<number> {
  const missing = missingPrereqs('start');
  if (missing.length) {
    console.error(`gong start: missing prerequisites:\n  - ${missing.join('\n  - ')}`);
    return 1;
  }
  const webMode = (flag(argv, '--web') ?? env.GONG_WEB_MODE) as 'dev' | 'prod' | 'off';
  if (!['dev', 'prod', 'off'].includes(webMode)) {
    console.error('gong start: --web must be dev, prod or off');
    return 2;
  }
  const started = Date.now();
  console.log('Gong: starting the local cloud on 127.0.0.1 …');
  let stack: Awaited<ReturnType<typeof startStack>>;
  try {
    stack = await startStack({
      root: env.GONG_ROOT,
      dataDir,
      ports: {
        web: env.GONG_WEB_PORT,
        api: env.GONG_API_PORT,
        dynamodb: env.GONG_DYNAMODB_PORT,
        sqs: env.GONG_SQS_PORT,
        simEsme: env.GONG_SIM_ESME_PORT,
        fleetBase: env.GONG_FLEET_BASE_PORT,
      },
      slotCount: numberFlag(argv, '--slots') ?? env.GONG_SLOT_COUNT,
      prefix: env.GONG_PREFIX,
      region: env.AWS_REGION,
      emulators: env.GONG_EMULATORS === 'on',
      persist: true,
      webMode,
      quiet: argv.includes('--quiet'),
    });
  } catch (e) {
    console.error(`\ngong start failed: ${(e as Error).message}\n`);
    return 1;
  }
  const users = DEMO_USERS.map((u) => `    ${u.email.padEnd(20)} ${u.roles.join(', ')}`).join('\n');
  console.log(`
┌─ Gong is up (${((Date.now() - started) / 1000).toFixed(1)} s) ───────────────────────────────
│ web        ${stack.webUrl}
│ API        ${stack.apiUrl}   (health: ${stack.apiUrl}/health)
│ DynamoDB   ${stack.endpoints.dynamodb ?? 'from AWS_ENDPOINT_URL*'}   SQS ${stack.endpoints.sqs ?? 'from AWS_ENDPOINT_URL*'}
│ data       ${dataDir}
│ demo users (password "${DEMO_PASSWORD}"):
${users.replace(/^/gm, '│')}
└─ Ctrl-C stops everything ───────────────────────────────────────────`);

  const outcome = await new Promise<{ code: number; why: string }>((resolve) => {
    let signals = 0;
    const onSignal = (signal: string) => {
      signals++;
      if (signals === 1) resolve({ code: 0, why: `${signal} received` });
      else if (signals >= 3) process.exit(130);
    };
    process.on('SIGINT', () => onSignal('SIGINT'));
    process.on('SIGTERM', () => onSignal('SIGTERM'));
    stack.failed.then((message) => resolve({ code: 1, why: message }));
  });
  if (outcome.code !== 0) console.error(`\ngong: ${outcome.why}\ngong: stopping everything.\n`);
  else console.log(`\ngong: ${outcome.why}, stopping everything…`);
  await stack.stop();
  console.log('gong: stopped.');
  return outcome.code;
}
