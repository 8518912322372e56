import type { HealthColour } from '@gong/core/domain/connection';

const WORD: Record<HealthColour, string> = { green: 'OK', amber: 'Degraded', red: 'Down' };

export function HealthBadge({ colour }: { colour: HealthColour | undefined }) {
  const c = colour ?? 'red';
  return (
    <span className={`badge ${c}`}>
      <span className={`dot ${c}`} aria-hidden="true" />
      {WORD[c]}
    </span>
  );
}
