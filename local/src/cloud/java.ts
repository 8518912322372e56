import { spawnSync } from 'node:child_process';

/** Java 17+ is needed by DynamoDB Local. Returns the major version or throws a clear message. */
export function requireJava(minMajor = 17): number {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(
      `Java ${minMajor}+ is required for DynamoDB Local but "java" was not found on PATH. ` +
        'Install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) and try again.',
    );
  }
  const text = `${result.stderr}${result.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(text);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : Number.NaN;
  if (!Number.isFinite(major) || major < minMajor) {
    throw new Error(`Java ${minMajor}+ is required for DynamoDB Local; found: ${text.split('\n')[0]}`);
  }
  return major;
}
