import { parseScenarioXml } from '@gong/core/scenario/from-xml';
import { ScenarioError } from '@gong/core/scenario/xml-tree';
import { describe, expect, it } from 'vitest';

/** A valid file; each case below breaks one line of it. Line numbers are 1-based. */
const BASE = [
  '<configuration xmlns:gong="urn:gong:scenario:1">', // 1
  '  <clients number="10"/>', // 2
  '  <time max="30"/>', // 3
  '  <sample small="yes" period="1"/>', // 4
  '  <reduction minElementsPerBin="10" maxBins="100"/>', // 5
  '  <gong:connection ref="jasmin"/>', // 6
  '  <gong:operators>', // 7
  '    <gong:operator ref="Orange" min="5" max="10"/>', // 8
  '  </gong:operators>', // 9
  '  <gong:strategy kind="balanced-growth" minRate="1" maxRate="10"/>', // 10
  '  <runProtocol name="Operator" mode="normal">', // 11
  '    <iterations max="5"/>', // 12
  '    <retValues>', // 13
  '      <timeSpent units="ms" sta="vds" typecode="Int"/>', // 14
  '    </retValues>', // 15
  '    <cmdGroup name="g">', // 16
  '      <cmd name="bal">send(text="BAL", expect="^Your balance")</cmd>', // 17
  '    </cmdGroup>', // 18
  '  </runProtocol>', // 19
  '</configuration>', // 20
];

function edit(changes: Record<number, string | null>): string {
  return BASE.map((line, i) => (i + 1 in changes ? changes[i + 1] : line))
    .filter((line): line is string => line !== null)
    .join('\n');
}

function failure(xml: string): ScenarioError {
  try {
    parseScenarioXml(xml);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw new Error(`expected a ScenarioError, got ${String(e)}`);
  }
  throw new Error('expected the file to be rejected');
}

type Case = [string, string, number, string, string | RegExp];

const cases: Case[] = [
  [
    'non-numeric clients',
    edit({ 2: '  <clients number="ten"/>' }),
    2,
    'clients',
    'a whole number >= 1 for attribute number (found "ten")',
  ],
  [
    'clients without number',
    edit({ 2: '  <clients/>' }),
    2,
    'clients',
    'attribute number (a whole number >= 1)',
  ],
  ['missing <time>', edit({ 3: null }), 1, 'configuration', 'a <time max="…"> element'],
  [
    'fractional time',
    edit({ 3: '  <time max="2.5"/>' }),
    3,
    'time',
    'a whole number >= 1 for attribute max (found "2.5")',
  ],
  [
    'duplicate <time>',
    edit({ 4: '  <time max="30"/>' }),
    4,
    'time',
    'only one <time> inside <configuration>',
  ],
  [
    'unquoted attribute',
    edit({ 3: '  <time max=30/>' }),
    3,
    'time',
    /well-formed XML \(unquoted attribute value\)/,
  ],
  [
    'sample small not yes/no',
    edit({ 4: '  <sample small="maybe" period="1"/>' }),
    4,
    'sample',
    'yes or no for attribute small (found "maybe")',
  ],
  [
    'zero sample period',
    edit({ 4: '  <sample small="yes" period="0"/>' }),
    4,
    'sample',
    'a number > 0 for attribute period (found "0")',
  ],
  [
    'reduction bins below 1',
    edit({ 5: '  <reduction minElementsPerBin="0" maxBins="100"/>' }),
    5,
    'reduction',
    'a whole number >= 1 for attribute minElementsPerBin (found "0")',
  ],
  [
    'connection without ref',
    edit({ 6: '  <gong:connection/>' }),
    6,
    'gong:connection',
    'attribute ref (a connection name or id)',
  ],
  [
    'missing connection',
    edit({ 6: null }),
    1,
    'configuration',
    'a <gong:connection ref="…"/> element (required unless runProtocol name="Local")',
  ],
  [
    'operator without ref',
    edit({ 8: '    <gong:operator min="5"/>' }),
    8,
    'gong:operator',
    'attribute ref (an operator name or id)',
  ],
  [
    'operator max < min',
    edit({ 8: '    <gong:operator ref="Orange" min="10" max="5"/>' }),
    8,
    'gong:operator',
    'max >= min numbers (found 5 < 10)',
  ],
  [
    'unknown operator attribute',
    edit({ 8: '    <gong:operator ref="Orange" colour="red"/>' }),
    8,
    'gong:operator',
    'attributes among ref, min, max, startDelay, runningTime, minRate, maxRate (found "colour")',
  ],
  [
    'no operators',
    edit({ 8: null }),
    7,
    'gong:operators',
    'at least one <gong:operator ref="…"/> (inside <gong:operators>)',
  ],
  [
    'wrong element in operators',
    edit({ 8: '    <operator ref="Orange"/>' }),
    8,
    'operator',
    '<gong:operator> elements inside <gong:operators>',
  ],
  [
    'unknown strategy kind',
    edit({ 10: '  <gong:strategy kind="turbo"/>' }),
    10,
    'gong:strategy',
    'one of full-force, balanced-growth, random, custom for attribute kind (found "turbo")',
  ],
  [
    'balanced growth without maxRate',
    edit({ 10: '  <gong:strategy kind="balanced-growth" minRate="1"/>' }),
    10,
    'gong:strategy',
    'attribute maxRate (a number > 0)',
  ],
  [
    'random max < min',
    edit({ 10: '  <gong:strategy kind="random" minPerNumber="5" maxPerNumber="2"/>' }),
    10,
    'gong:strategy',
    'maxPerNumber >= minPerNumber (found 2 < 5)',
  ],
  [
    'full force with a balanced-growth attribute',
    edit({ 10: '  <gong:strategy kind="full-force" ratePerNumber="1" ramp="3"/>' }),
    10,
    'gong:strategy',
    'attributes among kind, ratePerNumber (found "ramp")',
  ],
  [
    'custom strategy without rates',
    edit({ 10: '  <gong:strategy kind="custom"/>' }),
    8,
    'gong:operator',
    'attributes minRate and maxRate (messages/s) for the custom strategy',
  ],
  [
    'curve with an unknown name',
    edit({
      8: '    <gong:operator ref="Orange" minRate="1" maxRate="5"><gong:curve kind="expression">t * speed</gong:curve></gong:operator>',
      10: '  <gong:strategy kind="custom"/>',
    }),
    8,
    'gong:curve',
    /a valid expression of t \(expression "t \* speed": unknown identifier "speed".*at position 5\)/,
  ],
  [
    'curve outside the custom strategy',
    edit({ 8: '    <gong:operator ref="Orange"><gong:curve kind="linear"/></gong:operator>' }),
    8,
    'gong:curve',
    '<gong:curve> only with <gong:strategy kind="custom">',
  ],
  [
    'unknown protocol',
    edit({ 11: '  <runProtocol name="HTTP" mode="normal">' }),
    11,
    'runProtocol',
    'one of Operator, ESME, Local for attribute name (found "HTTP")',
  ],
  [
    'unknown protocol mode',
    edit({ 11: '  <runProtocol name="Operator" mode="shuffle">' }),
    11,
    'runProtocol',
    'one of normal, random for attribute mode (found "shuffle")',
  ],
  [
    'negative iterations',
    edit({ 12: '    <iterations max="-1"/>' }),
    12,
    'iterations',
    'a whole number >= 1 for attribute max (found "-1")',
  ],
  [
    'unknown protocol child',
    edit({ 12: '    <loops max="5"/>' }),
    12,
    'loops',
    'one of <iterations>, <retValues>, <cmdGroup>, <cmd>, <gong:sequence> inside <runProtocol>',
  ],
  [
    'unknown statistics',
    edit({ 14: '      <timeSpent units="ms" sta="detailed" typecode="Int"/>' }),
    14,
    'timeSpent',
    'one of vds, mean, minimal, none for attribute sta (found "detailed")',
  ],
  [
    'unknown typecode',
    edit({ 14: '      <timeSpent units="ms" sta="vds" typecode="Double"/>' }),
    14,
    'timeSpent',
    'one of Int, Float for attribute typecode (found "Double")',
  ],
  ['group without name', edit({ 16: '    <cmdGroup>' }), 16, 'cmdGroup', 'attribute name (a group name)'],
  ['empty group', edit({ 17: null }), 16, 'cmdGroup', 'at least one <cmd> inside <cmdGroup>'],
  [
    'cmd without name',
    edit({ 17: '      <cmd>send(text="BAL")</cmd>' }),
    17,
    'cmd',
    'attribute name (a command name)',
  ],
  [
    'unclosed call',
    edit({ 17: '      <cmd name="bal">send(text="BAL", expect="^Your balance"</cmd>' }),
    17,
    'cmd',
    '"," or ")" after argument expect',
  ],
  [
    'unknown procedure',
    edit({ 17: '      <cmd name="bal">post(text="BAL")</cmd>' }),
    17,
    'cmd',
    'one of the procedures send, constant, linear, random (found "post")',
  ],
  [
    'Local command in the Operator protocol',
    edit({ 17: '      <cmd name="bal">constant(range=0.1)</cmd>' }),
    17,
    'cmd',
    'send(text="…") in the Operator protocol (found constant)',
  ],
  [
    'bad expect regex',
    edit({ 17: '      <cmd name="bal">send(text="BAL", expect="(")</cmd>' }),
    17,
    'cmd',
    'a valid regular expression for expect (got "(")',
  ],
  [
    'unterminated string',
    edit({ 17: '      <cmd name="bal">send(text="BAL)</cmd>' }),
    17,
    'cmd',
    'a closing quote for argument text',
  ],
  [
    'empty cmd',
    edit({ 17: '      <cmd name="bal"></cmd>' }),
    17,
    'cmd',
    'a call like send(text="BAL") or constant(range=0.01)',
  ],
  [
    'two expectations',
    edit({ 17: '      <cmd name="bal">send(text="BAL", expect="x", exact="y")</cmd>' }),
    17,
    'cmd',
    'at most one of expect, contains, exact, noReply',
  ],
  [
    'spy not yes/no',
    edit({ 17: '      <cmd name="bal" spy="often">send(text="BAL")</cmd>' }),
    17,
    'cmd',
    'yes or no for attribute spy (found "often")',
  ],
  [
    'mismatched close tag',
    edit({ 18: '    </cmdGroop>' }),
    18,
    'cmdGroup',
    /well-formed XML \(unexpected close tag/,
  ],
  [
    'no commands at all',
    edit({ 16: null, 17: null, 18: null }),
    11,
    'runProtocol',
    'at least one <cmd>, <cmdGroup> or <gong:sequence> inside <runProtocol>',
  ],
  ['wrong root', edit({ 1: '<config>', 20: '</config>' }), 1, 'config', 'the root element <configuration>'],
  [
    'unknown root child',
    edit({ 5: '  <reductions maxBins="100"/>' }),
    5,
    'reductions',
    /one of the elements <clients>, <time>, .* inside <configuration>/,
  ],
  ['empty document', '', 1, 'document', /well-formed XML \(document must contain a root element\)/],
  [
    'sequence in the Local protocol',
    edit({
      6: null,
      7: null,
      8: null,
      9: null,
      11: '  <runProtocol name="Local">',
      16: '    <gong:sequence ref="x"/>',
      17: null,
      18: null,
    }),
    12,
    'gong:sequence',
    'no <gong:sequence> in the Local protocol (it runs no gateway)',
  ],
];

describe('malformed scenario files', () => {
  it('has more than 20 cases', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)('%s', (_title, xml, line, element, expected) => {
    const error = failure(xml);
    expect(error.code).toBe('VALIDATION');
    expect(error.line).toBe(line);
    expect(error.element).toBe(element);
    if (typeof expected === 'string') expect(error.expected).toBe(expected);
    else expect(error.expected).toMatch(expected);
    expect(error.message).toContain(`line ${line}`);
    expect(error.message).toContain(`<${element}>`);
  });

  it('the base file itself is valid', () => {
    expect(parseScenarioXml(BASE.join('\n')).operators[0]?.ref).toBe('Orange');
  });
});
