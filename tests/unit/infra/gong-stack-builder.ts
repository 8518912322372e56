import { DEFAULT_CONFIG, type GongConfig } from '@gong/infra/config';
import { ENTRIES, type GongEntries } from '@gong/infra/entries';
import { GongStack } from '@gong/infra/gong-stack';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

const FIXTURE = 'tests/unit/infra/fixtures/handler.ts';

/** Real Dockerfiles, fixture Lambda entries: the stack synthesizes whatever state functions/ is in. */
export const FIXTURE_ENTRIES: GongEntries = {
  ...ENTRIES,
  api: FIXTURE,
  analyzer: FIXTURE,
  scheduler: FIXTURE,
  runControl: FIXTURE,
  worker: FIXTURE,
};

export interface SynthOptions {
  config?: Partial<GongConfig>;
  entries?: GongEntries;
  /** run esbuild for every function (slower); off = CDK's standard `aws:cdk:bundling-stacks: []` */
  bundle?: boolean;
  outdir?: string;
  /** run aws-cdk-lib's built-in CloudFormation schema validation at synth (~10 s) */
  validate?: boolean;
  /** add to the stack before it is synthesized (the construct tree is frozen afterwards) */
  customize?: (stack: GongStack) => void;
}

export function aGongStack(options: SynthOptions = {}): { stack: GongStack; template: Template; app: App } {
  const app = new App({
    builtinCloudFormationValidation: options.validate ?? false,
    ...(options.outdir ? { outdir: options.outdir } : {}),
    context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] },
  });
  const stack = new GongStack(app, 'Gong', {
    config: { ...DEFAULT_CONFIG, ...options.config },
    entries: options.entries ?? FIXTURE_ENTRIES,
  });
  options.customize?.(stack);
  return { stack, template: Template.fromStack(stack), app };
}
