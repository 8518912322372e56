import { DomainError } from '../domain/errors';
import { Scenario } from './model';

/** Reads a JSON scenario file (the Scenario schema in model.ts). */
export function parseScenarioJson(text: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message);
    const at = pos ? lineColumn(text, Number(pos[1])) : undefined;
    throw new DomainError(
      'VALIDATION',
      `scenario JSON${at ? ` line ${at.line}, column ${at.column}` : ''}: expected valid JSON (${message})`,
      { cause: e, details: at },
    );
  }
  return parseScenarioObject(raw);
}

/** Validates an already-parsed object (e.g. an API body) as a scenario. */
export function parseScenarioObject(raw: unknown): Scenario {
  const parsed = Scenario.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map(
    (i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`,
  );
  throw new DomainError('VALIDATION', `scenario JSON is not valid: ${issues.join('; ')}`, {
    cause: parsed.error,
    details: parsed.error.issues,
  });
}

export function serializeScenarioJson(scenario: Scenario): string {
  return `${JSON.stringify(scenario, null, 2)}\n`;
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}
