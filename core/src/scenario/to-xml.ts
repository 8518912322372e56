import { formatCall } from './commands';
import type { Cmd, Scenario, ScenarioOperator, ScenarioStrategy } from './model';

export const GONG_XML_NAMESPACE = 'urn:gong:scenario:1';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function tag(
  name: string,
  attrs: Record<string, string | number | boolean | undefined>,
  inner?: string,
): string {
  const parts = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v))}"`)
    .join('');
  return inner === undefined ? `<${name}${parts}/>` : `<${name}${parts}>${inner}</${name}>`;
}

function strategyAttrs(s: ScenarioStrategy): Record<string, string | number> {
  switch (s.kind) {
    case 'full-force':
      return { kind: s.kind, ratePerNumber: s.ratePerNumber };
    case 'balanced-growth':
      return { kind: s.kind, minRate: s.minRate, maxRate: s.maxRate, stagger: s.stagger, ramp: s.ramp };
    case 'random':
      return { kind: s.kind, minPerNumber: s.minPerNumber, maxPerNumber: s.maxPerNumber };
    case 'custom':
      return { kind: s.kind };
  }
}

function operator(op: ScenarioOperator): string {
  const attrs = {
    ref: op.ref,
    min: op.min,
    max: op.max,
    startDelay: op.startDelay,
    runningTime: op.runningTime,
    minRate: op.minRate,
    maxRate: op.maxRate,
  };
  if (!op.curve) return `    ${tag('gong:operator', attrs)}`;
  const c = op.curve;
  const curve =
    c.kind === 'linear'
      ? tag('gong:curve', { kind: c.kind })
      : c.kind === 'polynomial'
        ? tag('gong:curve', { kind: c.kind, coefficients: c.coefficients.join(' ') })
        : tag('gong:curve', { kind: c.kind }, escText(c.expression));
  return `    ${tag('gong:operator', attrs, `\n      ${curve}\n    `)}`;
}

const cmd = (c: Cmd, indent: string) =>
  `${indent}${tag('cmd', { name: c.name, spy: c.spy }, escText(formatCall(c.call)))}`;

/** Writes a scenario as an XML file that parseScenarioXml reads back to an equal model. */
export function serializeScenarioXml(s: Scenario): string {
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(`<configuration xmlns:gong="${GONG_XML_NAMESPACE}">`);
  lines.push(`  ${tag('gong:scenario', { name: s.name === '' ? undefined : s.name, seed: s.seed })}`);
  lines.push(`  ${tag('clients', { number: s.clients.number })}`);
  lines.push(`  ${tag('time', { max: s.time.max })}`);
  lines.push(`  ${tag('sample', { small: s.sample.small, period: s.sample.period })}`);
  lines.push(
    `  ${tag('reduction', { minElementsPerBin: s.reduction.minElementsPerBin, maxBins: s.reduction.maxBins })}`,
  );
  if (s.connection) lines.push(`  ${tag('gong:connection', { ref: s.connection.ref })}`);
  if (s.operators.length > 0) {
    lines.push('  <gong:operators>', ...s.operators.map(operator), '  </gong:operators>');
  }
  lines.push(`  ${tag('gong:strategy', strategyAttrs(s.strategy))}`);
  const p = s.protocol;
  lines.push(`  <runProtocol name="${p.name}" mode="${p.mode}">`);
  if (p.iterations) lines.push(`    ${tag('iterations', { max: p.iterations.max })}`);
  if (p.retValues.length > 0) {
    lines.push('    <retValues>');
    for (const r of p.retValues) {
      lines.push(
        `      ${tag(r.name, { units: r.units, sta: r.sta, typecode: r.typecode, spyplot: r.spyplot })}`,
      );
    }
    lines.push('    </retValues>');
  }
  for (const item of p.items) {
    if (item.kind === 'cmd') lines.push(cmd(item.cmd, '    '));
    else if (item.kind === 'sequence') lines.push(`    ${tag('gong:sequence', { ref: item.ref })}`);
    else {
      lines.push(`    ${tag('cmdGroup', { name: item.name }, '')}`.replace(/<\/cmdGroup>$/, ''));
      for (const c of item.cmds) lines.push(cmd(c, '      '));
      lines.push('    </cmdGroup>');
    }
  }
  lines.push('  </runProtocol>', '</configuration>', '');
  return lines.join('\n');
}
