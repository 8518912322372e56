import { handler } from '@gong/functions/api/handler';
import { env } from '../env';
import { exitWithSupervisor } from '../stack/parent-watch';
import { type HttpHandler, startHttpShim } from './http-shim';

/** Child process of the local cloud: the API Lambda handler behind an HTTP server (API Gateway v2 events). */
const server = await startHttpShim(handler as unknown as HttpHandler, env.GONG_API_PORT, 'gong-api');
console.log(`API listening on http://127.0.0.1:${env.GONG_API_PORT}`);
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
exitWithSupervisor();
