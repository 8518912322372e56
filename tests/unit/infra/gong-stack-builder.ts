import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  /** where the assembly goes and stays; without it, a temporary directory removed once the template is read */
  outdir?: string;
  /** run aws-cdk-lib's built-in CloudFormation schema validation at synth (~10 s) */
  validate?: boolean;
  /** add to the stack before it is synthesized (the construct tree is frozen afterwards) */
  customize?: (stack: GongStack) => void;
}

export function aGongStack(options: SynthOptions = {}): { stack: GongStack; template: Template; app: App } {
  const outdir = options.outdir ?? mkdtempSync(path.join(tmpdir(), 'gong-cdk-'));
  const app = new App({
    builtinCloudFormationValidation: options.validate ?? false,
    outdir,
    context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] },
  });
  const stack = new GongStack(app, 'Gong', {
    config: { ...DEFAULT_CONFIG, ...options.config },
    entries: options.entries ?? FIXTURE_ENTRIES,
  });
  options.customize?.(stack);
  try {
    return { stack, template: Template.fromStack(stack), app };
  } finally {
    if (!options.outdir) rmSync(outdir, { recursive: true, force: true });
  }
}
