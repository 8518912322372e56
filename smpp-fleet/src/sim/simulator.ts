/**
 * The gateway simulator: a Jasmin-like gateway plus an application.
 *
 *   const sim = await startSimulator({ operators: [{ host, port, systemId, password }], esme: { port: 0 } });
 *   sim.counters.moReceived; sim.esmePort; sim.linksBound();
 *   await sim.stop();
 *
 * Operator side: one `OperatorLink` per bind (see operator-link.ts). ESME side: `EsmeSide`.
 * Everything random (latency, drops, faults, receipt status, backoff jitter) comes from one seed.
 */
import { Reassembler } from '@gong/core/encoding/reassembly';
import { type Clock, systemClock } from '@gong/core/ports/clock';
import { seededRng } from '@gong/core/rng';
import { parseSimConfig, type SimConfig, type SimConfigInput } from './config';
import { newSimulatorCounters, type SimulatorCounters } from './counters';
import { DelayLine } from './delay-line';
import { EsmeSide } from './esme-side';
import { RequestGate } from './faults';
import { latencySampler } from './latency';
import { OperatorLink } from './operator-link';
import { compileRules } from './rules';

export interface SimulatorHandle {
  readonly config: SimConfig;
  readonly counters: SimulatorCounters;
  /** port the ESME server listens on (undefined without `esme`) */
  readonly esmePort: number | undefined;
  /** operator links currently bound */
  linksBound(): number;
  /** resolves once every operator link is bound (or rejects after timeoutMs) */
  waitBound(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startSimulator(
  input: SimConfigInput | SimConfig,
  deps: { clock?: Clock } = {},
): Promise<SimulatorHandle> {
  const config = parseSimConfig(input);
  const clock = deps.clock ?? systemClock;
  const rng = seededRng(config.seed);
  const counters = newSimulatorCounters();
  const gate = new RequestGate(config, rng.fork('faults'), clock, counters);
  const latency = latencySampler(config.latency, rng.fork('latency'));
  const delays = new DelayLine();
  await delays.ready; // or the first answers leave late by the alarm thread's start-up
  const reassembler = new Reassembler({ timeoutMs: config.reassemblyTimeoutMs, clock });
  let reference = 0;
  const respond = compileRules(config.rules, config.helpText);

  const links: OperatorLink[] = [];
  let nextLink = 0;
  const forward = (mt: Parameters<OperatorLink['forward']>[0]): boolean => {
    for (let k = 0; k < links.length; k++) {
      const link = links[(nextLink + k) % links.length] as OperatorLink;
      if (link.forward(mt)) {
        nextLink = (nextLink + k + 1) % links.length;
        return true;
      }
    }
    return false;
  };
  let esme: EsmeSide | undefined;
  let esmePort: number | undefined;
  if (config.esme !== undefined) {
    esme = new EsmeSide({ config, counters, gate, latency, delays, dlrRng: rng.fork('dlr'), clock, forward });
    esmePort = await esme.listen();
  }

  config.operators.forEach((endpoint, i) => {
    for (let b = 0; b < endpoint.binds; b++) {
      links.push(
        new OperatorLink(endpoint, {
          config,
          counters,
          gate,
          respond,
          latency,
          delays,
          dropRng: rng.fork(`drop-${i}-${b}`),
          backoffRng: rng.fork(`backoff-${i}-${b}`),
          reassembler,
          clock,
          nextReference: () => {
            reference = (reference + 1) & 0xff;
            return reference;
          },
        }),
      );
    }
  });
  for (const l of links) l.start();

  const sweeper = setInterval(
    () => {
      counters.reassemblyExpired += reassembler.expire().length;
    },
    Math.min(1000, config.reassemblyTimeoutMs),
  );
  sweeper.unref();

  const linksBound = () => links.filter((l) => l.bound).length;
  return {
    config,
    counters,
    esmePort,
    linksBound,
    async waitBound(timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (linksBound() < links.length) {
        if (Date.now() > end) throw new Error(`only ${linksBound()} of ${links.length} operator links bound`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async stop() {
      clearInterval(sweeper);
      await Promise.all(links.map((l) => l.stop()));
      await esme?.close();
      await delays.close();
    },
  };
}
