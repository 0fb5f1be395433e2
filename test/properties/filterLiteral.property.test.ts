// @vitest-environment node
/**
 * A string a caller gives goes into a `$filter` as a literal: the query the SDK builds is either
 * refused with InvalidInput before anything is sent, or read by the emulator's own `$filter`
 * parser (as Dataverse would read it) back to exactly the string given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversationTable, isOmnichannelError } from '../../src/index.js';
import { stringLiteral } from '../../src/odata/literals.js';
import { buildQuery, compare } from '../../src/odata/query.js';
import { parseFilter } from '../../src/testing/emulator/filter/index.js';
import { propertiesOf } from '../../src/testing/emulator/query.js';
import { hostileText, settings, timeout, wellFormed } from './settings.js';

const apiUrl = 'https://contoso.crm.dynamics.com/api/data/v9.2/';
const context = { properties: propertiesOf(conversationTable), entityName: conversationTable.logicalName };

/** The `$filter` the emulator reads from the request URL the SDK would send. */
function filterRead(url: string) {
  const text = new URL(url, apiUrl).searchParams.get('$filter')!;
  return parseFilter(text, context);
}

describe('a string literal in $filter', () => {
  it(
    'is refused with InvalidInput, or read back by the emulator as exactly the string given',
    () => {
      fc.assert(
        fc.property(hostileText, (value) => {
          let url: string;
          try {
            url = `msdyn_ocliveworkitems${buildQuery({ filter: compare('msdyn_title', 'eq', stringLiteral(value)) })}`;
          } catch (error) {
            expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
            // Only what a URL cannot carry is refused.
            expect(wellFormed(value)).toBe(false);
            return;
          }
          expect(wellFormed(value)).toBe(true);
          expect(filterRead(url)).toMatchObject({ kind: 'compare', op: 'eq', right: { kind: 'literal', value } });
        }),
        settings,
      );
    },
    timeout,
  );

  it(
    'never adds a query option or a clause, whatever the string holds',
    () => {
      fc.assert(
        fc.property(hostileText.filter(wellFormed), hostileText.filter(wellFormed), (a, b) => {
          const filter = `(${compare('msdyn_title', 'eq', stringLiteral(a))} or ${compare('subject', 'eq', stringLiteral(b))})`;
          const url = new URL(`msdyn_ocliveworkitems${buildQuery({ filter })}`, apiUrl);
          expect([...url.searchParams.keys()]).toEqual(['$filter']);
          expect(url.hash).toBe('');
          const node = filterRead(url.href);
          expect(node).toMatchObject({ kind: 'or', operands: [{ right: { value: a } }, { right: { value: b } }] });
        }),
        settings,
      );
    },
    timeout,
  );
});
