import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENTRIES, missingEntries } from '@gong/infra/entries';
import { afterAll, describe, expect, it } from 'vitest';
import { aGongStack } from './gong-stack-builder';

const BUNDLED_SYNTH_TIMEOUT = 180_000;
const outdirs: string[] = [];

function freshOutdir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gong-cdk-'));
  outdirs.push(dir);
  return dir;
}

interface AssetsManifest {
  files: Record<string, { source: { path: string; packaging?: string } }>;
  dockerImages: Record<string, { source: { directory: string; dockerFile?: string } }>;
}

function lambdaBundles(outdir: string, template: Record<string, unknown>): Record<string, string> {
  const resources = (
    template as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }
  ).Resources;
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'Gong.assets.json'), 'utf8')) as AssetsManifest;
  const bundles: Record<string, string> = {};
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const name = resource.Properties.FunctionName;
    if (typeof name !== 'string' || !name.startsWith('gong-')) continue;
    const key = (resource.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
    const asset = manifest.files[key];
    if (!asset) throw new Error(`no file asset ${key} for ${name}`);
    const dir = path.join(outdir, asset.source.path);
    expect(readdirSync(dir)).toContain('index.mjs');
    bundles[name] = readFileSync(path.join(dir, 'index.mjs'), 'utf8');
  }
  return bundles;
}

afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

describe('synth with real bundling (local esbuild, no Docker, no credentials)', () => {
  it(
    'bundles every function to one ESM file and passes the CloudFormation schema validation',
    () => {
      const outdir = freshOutdir();
      const { template } = aGongStack({ bundle: true, validate: true, outdir });
      const bundles = lambdaBundles(outdir, template.toJSON());
      expect(Object.keys(bundles).sort()).toEqual([
        'gong-analyzer',
        'gong-api',
        'gong-run-control',
        'gong-scheduler',
      ]);
      for (const code of Object.values(bundles)) {
        expect(code).toContain('__gongCreateRequire');
        expect(code).toMatch(/export\s*\{/);
      }
      const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
        pluginReports: { violations: { severity?: string; ruleName: string }[] }[];
      };
      const errors = report.pluginReports
        .flatMap((r) => r.violations)
        .filter((v) => v.severity !== 'warning');
      expect(errors).toEqual([]);
      // container images are only described here; Docker builds them at `cdk deploy`
      const manifest = JSON.parse(
        readFileSync(path.join(outdir, 'Gong.assets.json'), 'utf8'),
      ) as AssetsManifest;
      const dockerfiles = Object.values(manifest.dockerImages).map((i) => i.source.dockerFile);
      expect(dockerfiles.sort()).toEqual(['smpp-fleet/Dockerfile', 'web/Dockerfile']);
      for (const image of Object.values(manifest.dockerImages)) {
        const staged = readdirSync(path.join(outdir, image.source.directory));
        expect(staged).not.toContain('node_modules');
        expect(staged).not.toContain('.git');
        expect(staged).toContain('package-lock.json');
      }
    },
    BUNDLED_SYNTH_TIMEOUT,
  );
});

describe('the real app (functions/ and smpp-fleet/ entry points)', () => {
  it('every entry point the CDK app deploys exists', () => {
    expect(missingEntries(ENTRIES)).toEqual([]);
  });

  it(
    'synthesizes with the real handlers bundled',
    () => {
      const outdir = freshOutdir();
      const { template } = aGongStack({ entries: ENTRIES, bundle: true, outdir });
      const bundles = lambdaBundles(outdir, template.toJSON());
      for (const [name, code] of Object.entries(bundles)) {
        expect(code.length, `${name} bundle`).toBeGreaterThan(1000);
        expect(code, `${name} exports handler`).toMatch(/handler/);
      }
    },
    BUNDLED_SYNTH_TIMEOUT,
  );
});
