import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { requireJava } from '../cloud/java';

export interface Prereq {
  name: string;
  check: () => string | undefined;
}

const node: Prereq = {
  name: 'Node.js 20+',
  check: () => (Number(process.versions.node.split('.')[0]) >= 20 ? undefined : `found ${process.version}`),
};

const java: Prereq = {
  name: 'Java 17+ (DynamoDB Local)',
  check: () => {
    try {
      requireJava();
      return undefined;
    } catch (e) {
      return (e as Error).message;
    }
  },
};

export const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string | undefined {
  return CHROMIUM_PATHS.find((p) => existsSync(p));
}

const chromium: Prereq = {
  name: 'Chromium (browser tests)',
  check: () =>
    chromiumPath() ? undefined : `none of ${CHROMIUM_PATHS.join(', ')} exists — apt-get install -y chromium`,
};

const netSmpp: Prereq = {
  name: 'Perl Net::SMPP (SMPP interop tests)',
  check: () => {
    const result = spawnSync('perl', ['-MNet::SMPP', '-e', '1'], { encoding: 'utf8' });
    return result.status === 0
      ? undefined
      : 'perl cannot load Net::SMPP — apt-get install -y libnet-smpp-perl';
  },
};

export const PREREQS: Record<'start' | 'test', Prereq[]> = {
  start: [node, java],
  test: [node, java, chromium, netSmpp],
};

/** Every missing prerequisite, each with what to do about it. */
export function missingPrereqs(purpose: 'start' | 'test'): string[] {
  return PREREQS[purpose].flatMap((p) => {
    const problem = p.check();
    return problem ? [`${p.name}: ${problem}`] : [];
  });
}
