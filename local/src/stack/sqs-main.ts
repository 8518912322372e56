import { startSqsEmulator } from '../cloud/sqs-emulator';
import { exitWithSupervisor } from './parent-watch';

/** Child process of the local cloud: the SQS emulator on 127.0.0.1:<port>. */
const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: sqs-main <port>');
  process.exit(2);
}
const sqs = await startSqsEmulator({ port });
console.log(`SQS emulator (fauxqs) listening on ${sqs.endpoint}`);
const stop = () => {
  sqs.stop().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
exitWithSupervisor();
