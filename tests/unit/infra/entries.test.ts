import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertEntriesExist, ENTRIES, missingEntries } from '@gong/infra/entries';
import { afterEach, describe, expect, it } from 'vitest';

describe('deployed entry points', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('names every missing file in one clear synth error', () => {
    root = mkdtempSync(path.join(tmpdir(), 'gong-entries-'));
    const present = ENTRIES.api;
    mkdirSync(path.join(root, path.dirname(present)), { recursive: true });
    writeFileSync(path.join(root, present), 'export const handler = async () => ({});\n');

    const missing = missingEntries(ENTRIES, root);

    expect(missing).not.toContain(present);
    expect(missing).toContain(ENTRIES.runControl);
    expect(missing).toContain(ENTRIES.fleetDockerfile);
    expect(() => assertEntriesExist(ENTRIES, root)).toThrow(
      new RegExp(`missing source files[\\s\\S]*${ENTRIES.runControl.replace(/[/.]/g, '\\$&')}`),
    );
  });

  it('passes quietly when every file is there', () => {
    root = mkdtempSync(path.join(tmpdir(), 'gong-entries-'));
    for (const file of Object.values(ENTRIES)) {
      mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
      writeFileSync(path.join(root, file), '\n');
    }
    expect(() => assertEntriesExist(ENTRIES, root)).not.toThrow();
  });
});
