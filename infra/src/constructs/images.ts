import { IgnoreMode } from 'aws-cdk-lib';
import { DockerImageAsset, Platform } from 'aws-cdk-lib/aws-ecr-assets';
import type { Construct } from 'constructs';

/**
 * The Docker build context is the repository root (workspaces import @gong/core as source), so only
 * what the images need is staged: package manifests, the lockfile, and the source packages.
 * Docker runs at deploy time (`cdk deploy`), never at synth.
 */
export const DOCKER_CONTEXT_EXCLUDE = [
  '*',
  '!package.json',
  '!package-lock.json',
  '!tsconfig.base.json',
  '!*/package.json',
  '!core',
  '!smpp-fleet',
  '!web',
  '**/node_modules',
  '**/.next',
  '**/*.tsbuildinfo',
  '**/.env*.local',
];

export function repoImage(scope: Construct, id: string, root: string, dockerfile: string): DockerImageAsset {
  return new DockerImageAsset(scope, id, {
    directory: root,
    file: dockerfile,
    exclude: DOCKER_CONTEXT_EXCLUDE,
    ignoreMode: IgnoreMode.DOCKER,
    platform: Platform.LINUX_AMD64,
  });
}
