import { DEFAULT_FLEET_BASE_PORT, DEFAULT_SLOT_COUNT } from '@gong/core/infra/resources';
import { configFromContext, DEFAULT_CONFIG } from '@gong/infra/config';
import { describe, expect, it } from 'vitest';

const context = (values: Record<string, unknown>) => (key: string) => values[key];

describe('CDK context → Gong config', () => {
  it('defaults follow the shared resource definitions and need no account', () => {
    const config = configFromContext(context({}));
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config.slotCount).toBe(DEFAULT_SLOT_COUNT);
    expect(config.fleetBasePort).toBe(DEFAULT_FLEET_BASE_PORT);
    expect(config.account).toBeUndefined();
  });

  it('accepts `-c key=value` strings and coerces numbers', () => {
    const config = configFromContext(
      context({
        prefix: 'acme-qa',
        slotCount: '4',
        fleetBasePort: '3000',
        analyzerConcurrency: '2',
        removal: 'destroy',
      }),
    );
    expect(config).toMatchObject({
      prefix: 'acme-qa',
      slotCount: 4,
      fleetBasePort: 3000,
      analyzerConcurrency: 2,
    });
    expect(config.removal).toBe('destroy');
  });

  it('rejects a bad prefix with a message naming the key', () => {
    expect(() => configFromContext(context({ prefix: 'Gong_Prod' }))).toThrow(/prefix: 2-20 chars/);
  });

  it('rejects an account without a region (a half-pinned environment)', () => {
    expect(() => configFromContext(context({ account: '123456789012' }))).toThrow(/both account and region/);
  });

  it('rejects more than one worker per slot and non-numeric counts', () => {
    expect(() => configFromContext(context({ fleetDesiredCount: '2' }))).toThrow(/fleetDesiredCount/);
    expect(() => configFromContext(context({ slotCount: 'many' }))).toThrow(/slotCount/);
  });

  it('rejects a gateway CIDR that is not one', () => {
    expect(() => configFromContext(context({ gatewayCidr: 'everyone' }))).toThrow(/gatewayCidr/);
  });
});
