import { exitWithSupervisor } from '../stack/parent-watch';
import { benchCommand } from './bench-command';
import { loginCommand } from './login-command';
import { missingPrereqs } from './prereqs';
import { runCommand } from './run-command';
import { runsCommand } from './runs-command';
import { startCommand } from './start-command';

const HELP = `gong — functional and stress testing for SMS gateways

usage: gong <command> [options]

commands:
  start [--slots N] [--web dev|prod|off] [--quiet]
                     start the whole local cloud on 127.0.0.1 (DynamoDB Local, SQS emulator,
                     API, analyzer, worker fleet, gateway simulator, web app on :5000)
  login --email E --password P [--api URL]
                     get a token for the commands below (stored under .gong/)
  run <scenario.xml|json> [--api URL] [--threshold "p95<500ms"]… [--out results.json] [--junit report.xml]
                     run a scenario file headless: live progress line, summary table; exit 0 when
                     every threshold holds, 99 when one fails, 1 on errors, 2 on a bad file
  runs list | show <id> | compare <id> <id>… [--baseline <id>]
  worker --slot N     run one fleet worker (SMPP port GONG_FLEET_BASE_PORT + N; commands from its SQS queue)
  sim [--config file.json] [--bind host:port:systemId:password]… [--esme-port P] [--latency fixed:50]
      [--drop 0.01] [--cap 1000] [--seed 1]
                     the gateway simulator (a Jasmin-like gateway plus an application)
  bench <smpp|fleet|strategy|analyzer>
                     run a benchmark; each ends with a RESULT {json} line
  check-prereqs [--for start|test]
                     check Node 20+, Java 17, Chromium and Perl Net::SMPP; explain what is missing
  help               this text

Environment: GONG_WEB_PORT (5000), GONG_API_PORT (5001), GONG_DYNAMODB_PORT (5010), GONG_SQS_PORT (5011),
GONG_SIM_ESME_PORT (2775), GONG_FLEET_BASE_PORT (2780), GONG_SLOT_COUNT (2), GONG_DATA_DIR (.gong),
GONG_EMULATORS=off with AWS_ENDPOINT_URL (LocalStack) instead of the embedded emulators.
`;

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  start: startCommand,
  login: loginCommand,
  run: runCommand,
  runs: runsCommand,
  worker: async (argv) => {
    // loaded on demand: the worker's env and SMPP stack are not needed by other commands
    const { runWorkerCli } = await import('@gong/smpp-fleet/worker/main');
    await runWorkerCli(argv);
    return 0;
  },
  sim: async (argv) => {
    const { runSimulatorCli } = await import('@gong/smpp-fleet/sim/main');
    await runSimulatorCli(argv);
    return 0;
  },
  bench: benchCommand,
  'check-prereqs': async (argv) => {
    const purpose = argv.includes('test') ? 'test' : 'start';
    const missing = missingPrereqs(purpose);
    if (missing.length === 0) return 0;
    console.error(`gong: missing prerequisites for ${purpose}:\n  - ${missing.join('\n  - ')}`);
    return 1;
  },
  help: async () => {
    console.log(HELP);
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...rest] = argv;
  if (name === '--help' || name === '-h') return commands.help?.([]) ?? 0;
  const command = commands[name];
  if (!command) {
    console.error(`gong: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  if (rest.includes('--help')) {
    console.log(HELP);
    return 0;
  }
  return command(rest);
}

exitWithSupervisor();
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`gong: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
