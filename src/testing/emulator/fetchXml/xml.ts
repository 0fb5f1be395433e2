/**
 * A small, strict XML reader for FetchXML: elements, attributes in single or double quotes,
 * text, comments, CDATA, an XML declaration and the five predefined entities plus character
 * references. No DTD (a `<!DOCTYPE` is refused, so no entity expansion), no namespaces, no
 * processing instructions other than the declaration. Written here rather than taken from
 * `DOMParser` because the emulator runs in Node (the loopback server, MSW in Node) where there
 * is none, and one parser gives the same answer in Node, jsdom and a browser.
 */

/** One element: its name, attributes in document order, child elements and its own text. @internal */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** The element's text content (its own text nodes joined), entities decoded. */
  readonly text: string;
}

/** Thrown for text that is not well-formed XML; `message` says where. @internal */
export class XmlSyntaxError extends Error {
  constructor(message: string, position: number) {
    super(`${message} (at character ${position})`);
    this.name = 'XmlSyntaxError';
  }
}

/** How deeply elements may nest: FetchXML needs a few levels; a hostile document gets no deeper. */
const maxDepth = 64;
const namePattern = /[A-Za-z_][A-Za-z0-9_.:-]*/y;
const entities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Parses `text` to its root element; {@link XmlSyntaxError} when it is not well-formed. @internal */
export function parseXml(text: string): XmlElement {
  let position = 0;
  const fail = (message: string): never => {
    throw new XmlSyntaxError(message, position);
  };
  const skipMisc = () => {
    for (;;) {
      while (position < text.length && /\s/.test(text[position]!)) position++;
      if (text.startsWith('<!--', position)) {
        const end = text.indexOf('-->', position + 4);
        if (end < 0) fail('Unterminated comment');
        position = end + 3;
      } else if (text.startsWith('<?', position)) {
        const end = text.indexOf('?>', position + 2);
        if (end < 0 || !/^<\?xml\s/.test(text.slice(position, position + 6)) || position !== text.search(/\S/))
          fail('Unexpected processing instruction');
        position = end + 2;
      } else return;
    }
  };
  const readName = (): string => {
    namePattern.lastIndex = position;
    const match = namePattern.exec(text);
    if (!match) fail('Expected a name');
    position += match![0].length;
    return match![0];
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
      if (!whole.endsWith(';')) fail(`Malformed entity reference '${whole}'`);
      if (name in entities) return entities[name]!;
      const code = /^#x([0-9a-fA-F]{1,6})$/.exec(name)?.[1] ?? /^#(\d{1,7})$/.exec(name)?.[1];
      const value = code === undefined ? NaN : parseInt(code, name.startsWith('#x') ? 16 : 10);
      if (Number.isNaN(value) || value > 0x10ffff || value === 0) fail(`Unknown entity '&${name};'`);
      return String.fromCodePoint(value);
    });
  const readElement = (depth: number): XmlElement => {
    if (depth > maxDepth) fail(`Elements nest deeper than ${maxDepth} levels`);
    if (text[position] !== '<') fail("Expected '<'");
    position++;
    const name = readName();
    const attributes = new Map<string, string>();
    for (;;) {
      const before = position;
      while (position < text.length && /\s/.test(text[position]!)) position++;
      if (text.startsWith('/>', position)) {
        position += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (text[position] === '>') {
        position++;
        break;
      }
      if (position === before) fail(`Expected whitespace, '>' or '/>' in <${name}>`);
      const attribute = readName();
      while (/\s/.test(text[position] ?? '')) position++;
      if (text[position] !== '=') fail(`Expected '=' after attribute ${attribute}`);
      position++;
      while (/\s/.test(text[position] ?? '')) position++;
      const quote = text[position];
      if (quote !== '"' && quote !== "'") fail(`Expected a quoted value for attribute ${attribute}`);
      const end = text.indexOf(quote!, position + 1);
      if (end < 0) fail(`Unterminated value of attribute ${attribute}`);
      const raw = text.slice(position + 1, end);
      if (raw.includes('<')) fail(`'<' in the value of attribute ${attribute}`);
      if (attributes.has(attribute)) fail(`Attribute ${attribute} given twice`);
      attributes.set(attribute, decode(raw));
      position = end + 1;
    }
    const children: XmlElement[] = [];
    let content = '';
    for (;;) {
      if (position >= text.length) fail(`Element <${name}> is not closed`);
      if (text.startsWith('</', position)) {
        position += 2;
        const closing = readName();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        while (/\s/.test(text[position] ?? '')) position++;
        if (text[position] !== '>') fail(`Expected '>' after </${closing}`);
        position++;
        return { name, attributes, children, text: content };
      }
      if (text.startsWith('<!--', position)) {
        const end = text.indexOf('-->', position + 4);
        if (end < 0) fail('Unterminated comment');
        position = end + 3;
      } else if (text.startsWith('<![CDATA[', position)) {
        const end = text.indexOf(']]>', position + 9);
        if (end < 0) fail('Unterminated CDATA section');
        content += text.slice(position + 9, end);
        position = end + 3;
      } else if (text.startsWith('<!', position) || text.startsWith('<?', position)) {
        fail('Declarations and processing instructions are not allowed inside an element');
      } else if (text[position] === '<') {
        children.push(readElement(depth + 1));
      } else {
        const next = text.indexOf('<', position);
        const end = next < 0 ? text.length : next;
        const raw = text.slice(position, end);
        if (raw.includes('>') && raw.includes(']]>')) fail("']]>' in text");
        content += decode(raw);
        position = end;
      }
    }
  };

  skipMisc();
  if (text.startsWith('<!', position)) fail('A document type declaration is not allowed');
  if (position >= text.length) fail('No root element');
  const root = readElement(1);
  skipMisc();
  if (position < text.length) fail('Text after the root element');
  return root;
}
