import { buildApp } from 'fauxqs';

export interface SqsEmulator {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * fauxqs (SQS JSON protocol) bound to 127.0.0.1 only. Its `startFauxqs` listens on 0.0.0.0, so we
 * build the app and listen ourselves. State is in memory: queues are recreated by the bootstrap.
 */
export async function startSqsEmulator(options: { port: number }): Promise<SqsEmulator> {
  const app = buildApp({ logger: false, host: '127.0.0.1' });
  await app.listen({ port: options.port, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: async () => {
      await app.close();
    },
  };
}
