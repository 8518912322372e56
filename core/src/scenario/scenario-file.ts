import { parseScenarioXml } from './from-xml';
import { parseScenarioJson, serializeScenarioJson } from './json';
import type { Scenario } from './model';
import { serializeScenarioXml } from './to-xml';

export type ScenarioFormat = 'xml' | 'json';

/** Picks the format from the file name, else from the first non-blank character. */
export function detectScenarioFormat(text: string, fileName?: string): ScenarioFormat {
  if (fileName?.toLowerCase().endsWith('.json')) return 'json';
  if (fileName?.toLowerCase().endsWith('.xml')) return 'xml';
  return text.trimStart().startsWith('<') ? 'xml' : 'json';
}

export function parseScenario(text: string, fileName?: string): Scenario {
  return detectScenarioFormat(text, fileName) === 'xml' ? parseScenarioXml(text) : parseScenarioJson(text);
}

export function serializeScenario(scenario: Scenario, format: ScenarioFormat): string {
  return format === 'xml' ? serializeScenarioXml(scenario) : serializeScenarioJson(scenario);
}
