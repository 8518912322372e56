import { App } from 'aws-cdk-lib';
import { configFromContext } from './config';
import { GongStack } from './gong-stack';

/** `npx cdk synth` / `npm run deploy` entry (cdk.json: `npx tsx infra/src/app.ts`). */
const app = new App();
const config = configFromContext((key) => app.node.tryGetContext(key));
new GongStack(app, 'Gong', {
  stackName: config.prefix,
  description: 'Gong: functional and stress testing for SMS gateways',
  config,
  ...(config.account && config.region ? { env: { account: config.account, region: config.region } } : {}),
});
app.synth();
