import { SaxesParser } from 'saxes';
import { DomainError } from '../domain/errors';

/** A parsed XML element with where it starts in the file. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** concatenated character data directly inside this element (CDATA included) */
  text: string;
  line: number;
  column: number;
}

/** A bad scenario file: where, which element, and what was expected there. */
export class ScenarioError extends DomainError {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly element: string,
    readonly expected: string,
  ) {
    super('VALIDATION', `scenario line ${line}, column ${column}, <${element}>: expected ${expected}`, {
      details: { line, column, element, expected },
    });
    this.name = 'ScenarioError';
  }
}

export function errorAt(el: Pick<XmlElement, 'line' | 'column' | 'name'>, expected: string): ScenarioError {
  return new ScenarioError(el.line, el.column, el.name, expected);
}

/** Parses XML into a small tree with line numbers; malformed XML becomes a ScenarioError. */
export function parseXmlTree(xml: string): XmlElement {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let start = { line: 1, column: 1 };
  /** the tag being opened (its attributes are still being read) */
  let opening: string | undefined;
  let firstError: { error: Error; element: string } | undefined;
  let lastClosed: string | undefined;

  parser.on('error', (error) => {
    // saxes pops (and reports) the open element before complaining about a mismatched close tag
    const closing = /close tag/.test(error.message) ? lastClosed : undefined;
    firstError ??= { error, element: opening ?? closing ?? stack[stack.length - 1]?.name ?? 'document' };
  });
  parser.on('opentagstart', (tag) => {
    // position is just after "<name"; report the line where the tag starts
    start = { line: parser.line, column: Math.max(1, parser.column) };
    opening = tag.name;
  });
  parser.on('opentag', (tag) => {
    opening = undefined;
    const el: XmlElement = {
      name: tag.name,
      attributes: { ...(tag.attributes as Record<string, string>) },
      children: [],
      text: '',
      line: start.line,
      column: start.column,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    lastClosed = stack.pop()?.name;
  });

  parser.write(xml).close();
  if (firstError) {
    const message = firstError.error.message;
    const match = /^(\d+):(\d+): (.*)$/s.exec(message);
    const line = match ? Number(match[1]) : parser.line;
    const column = match ? Number(match[2]) : parser.column;
    const what = (match ? (match[3] as string) : message).replace(/\.$/, '');
    throw new ScenarioError(line, column, firstError.element, `well-formed XML (${what})`);
  }
  if (!root) throw new ScenarioError(1, 1, 'document', 'a <configuration> root element');
  return root;
}
