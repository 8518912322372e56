import type { StressRun } from '@gong/core/domain/stress-run';
import { authenticatedClient } from './api-client';
import { flag } from './args';

const when = (ms?: number) => (ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '–');

/** `gong runs list | show <id> | compare <id> <id>… [--baseline id]`. */
export async function runsCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv.filter((a, i) => !a.startsWith('--') && !(argv[i - 1] ?? '').startsWith('--'));
  const api = await authenticatedClient(argv);
  switch (sub) {
    case 'list': {
      const page = await api.get<{ items: StressRun[] }>(`/runs?limit=${flag(argv, '--limit') ?? 20}`);
      if (page.items.length === 0) {
        console.log('no runs yet — start one with "gong run <scenario>" or from the web app');
        return 0;
      }
      console.log(
        `${'id'.padEnd(22)} ${'state'.padEnd(9)} ${'strategy'.padEnd(16)} ${'started'.padEnd(19)} ${'by'.padEnd(16)} verdict`,
      );
      for (const r of page.items) {
        console.log(
          `${r.id.padEnd(22)} ${r.state.padEnd(9)} ${r.plan.strategy.kind.padEnd(16)} ${when(r.startAt ?? r.createdAt).padEnd(19)} ${(r.startedByName || r.startedBy).padEnd(16)} ${r.verdict}`,
        );
      }
      return 0;
    }
    case 'show': {
      if (!rest[0]) break;
      const [run, summary] = await Promise.all([
        api.get(`/runs/${rest[0]}`),
        api.get(`/runs/${rest[0]}/summary`).catch((e: Error) => ({ unavailable: e.message })),
      ]);
      console.log(JSON.stringify({ run, summary }, null, 2));
      return 0;
    }
    case 'compare': {
      if (rest.length < 2) break;
      const baseline = flag(argv, '--baseline');
      const result = await api.get(
        `/runs/compare?ids=${rest.join(',')}${baseline ? `&baseline=${baseline}` : ''}`,
      );
      console.log(JSON.stringify(result, null, 2));
      return 0;
    }
  }
  console.error('usage: gong runs list [--limit N] | show <id> | compare <id> <id>… [--baseline <id>]');
  return 2;
}
