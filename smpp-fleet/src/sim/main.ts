/**
 * `gong sim`: runs the gateway simulator until SIGINT/SIGTERM, printing counters every few seconds.
 *
 *   gong sim --bind 127.0.0.1:2775:op1:secret [--bind ...] [--esme-port 2776 [--route-to-operators]] [--latency uniform:10:50]
 *            [--drop 0.01] [--cap 1000] [--seed 1] [--dlr-delay 500] [--dlr-mix DELIVRD=0.9,UNDELIV=0.1]
 *            [--window 1000] [--stats-every 5] [--config sim.json]
 * Flags override the JSON config file. Bad input → DomainError('VALIDATION') with a readable message.
 */
import { readFile } from 'node:fs/promises';
import { DomainError } from '@gong/core/domain/errors';
import { preferLowLatency } from '../thread-sched';
import { parseLatency } from './latency';
import { startSimulator } from './simulator';

const USAGE =
  'usage: gong sim [--config file.json] [--bind host:port:systemId:password]... [--esme-port N [--route-to-operators]] ' +
  '[--latency fixed:MS|uniform:MIN:MAX|normal:MEAN:SD|lognormal:MEDIAN:SIGMA] [--drop P] [--cap N] [--seed N] ' +
  '[--dlr-delay MS] [--dlr-mix STAT=W,...] [--window N] [--stats-every SECONDS]';

function bad(message: string): never {
  throw new DomainError('VALIDATION', `${message}\n${USAGE}`);
}

function num(flag: string, v: string | undefined): number {
  const n = Number(v);
  if (v === undefined || v === '' || !Number.isFinite(n)) bad(`${flag} needs a number, got "${v ?? ''}"`);
  return n;
}

/** Builds the raw (unvalidated) config object from argv and an optional --config file. */
export async function simConfigFromArgs(
  argv: string[],
): Promise<{ config: Record<string, unknown>; statsEvery: number }> {
  let config: Record<string, unknown> = {};
  const at = argv.indexOf('--config');
  if (at !== -1) {
    const file = argv[at + 1];
    if (file === undefined) bad('--config needs a file');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new DomainError('VALIDATION', `cannot read config file ${file}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    try {
      config = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new DomainError('VALIDATION', `config file ${file} is not valid JSON: ${(e as Error).message}`, {
        cause: e,
      });
    }
  }
  const operators: unknown[] = [];
  let statsEvery = 5;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const v = argv[i + 1];
    const take = () => {
      i++;
      return v;
    };
    switch (flag) {
      case '--config':
        take();
        break;
      case '--bind': {
        const parts = (take() ?? '').split(':');
        if (parts.length !== 4) bad(`--bind needs host:port:systemId:password, got "${v ?? ''}"`);
        const [host, port, systemId, password] = parts as [string, string, string, string];
        operators.push({ host, port: num('--bind port', port), systemId, password });
        break;
      }
      case '--esme-port':
        config.esme = { ...((config.esme as object) ?? {}), port: num(flag, take()) };
        break;
      case '--route-to-operators':
        config.esme = { ...((config.esme as object) ?? {}), route: 'operators' };
        break;
      case '--latency':
        try {
          config.latency = parseLatency(take() ?? '');
        } catch (e) {
          bad((e as Error).message);
        }
        break;
      case '--drop':
        config.dropRate = num(flag, take());
        break;
      case '--cap':
        config.capPerSecond = num(flag, take());
        break;
      case '--seed':
        config.seed = num(flag, take());
        break;
      case '--window':
        config.windowSize = num(flag, take());
        break;
      case '--dlr-delay':
        config.receipts = { ...((config.receipts as object) ?? {}), delayMs: num(flag, take()) };
        break;
      case '--dlr-mix': {
        const mix: Record<string, number> = {};
        for (const pair of (take() ?? '').split(',')) {
          const [stat, w] = pair.split('=');
          if (!stat || w === undefined) bad(`--dlr-mix needs STAT=WEIGHT pairs, got "${pair}"`);
          mix[stat.toUpperCase()] = num('--dlr-mix weight', w);
        }
        config.receipts = { ...((config.receipts as object) ?? {}), statusMix: mix };
        break;
      }
      case '--stats-every':
        statsEvery = num(flag, take());
        break;
      case '--help':
      case '-h':
        bad('help');
        break;
      default:
        bad(`unknown flag ${flag}`);
    }
  }
  if (operators.length > 0) config.operators = [...((config.operators as unknown[]) ?? []), ...operators];
  return { config, statsEvery };
}

export async function runSimulatorCli(argv: string[]): Promise<void> {
  const { config, statsEvery } = await simConfigFromArgs(argv);
  // the thread that sends every answer on time: a CPU as soon as it wakes (the delay line's alarm does the same)
  preferLowLatency();
  // as the worker: listen before the ESME port opens, so a stop during start-up still stops cleanly
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const sim = await startSimulator(config);
  const where = [
    ...sim.config.operators.map((o) => `operator ${o.systemId}@${o.host}:${o.port}`),
    ...(sim.esmePort === undefined ? [] : [`ESME server on ${sim.config.esme?.host}:${sim.esmePort}`]),
  ];
  console.log(`gong sim: ${where.join(', ')} (seed ${sim.config.seed})`);
  const timer = setInterval(() => {
    const c = sim.counters;
    console.log(
      `links ${sim.linksBound()} mo ${c.moReceived} mt ${c.mtSent} (ok ${c.mtAccepted} rej ${c.mtRejected} fail ${c.mtFailed}) ` +
        `dropped ${c.dropped} throttled ${c.throttled} esme submits ${c.esmeSubmits} receipts ${c.esmeReceipts} reconnects ${c.reconnects}`,
    );
  }, statsEvery * 1000);
  await stopped;
  clearInterval(timer);
  await sim.stop();
  console.log('gong sim: stopped', JSON.stringify(sim.counters));
}
