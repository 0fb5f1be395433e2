/**
 * What each query syntax supports, in one table: OData (`$filter`, `$orderby`, `$apply`, paging),
 * FetchXML, and the QueryExpression of `BulkDelete`. All three compile to one query model
 * (`engine/model.ts`) run by one evaluator, so a row here says what each syntax can ask, not how
 * it is answered. docs/emulator.md carries {@link renderQuerySupport}'s output, and a test keeps
 * the two the same; the FetchXML operator lists are read from the compiler's own tables.
 */
import { fetchXmlOperators, notImplementedOperators } from './fetchXml/conditions.js';

/** One feature and what each syntax does with it: `✓`, `501`, `400`, `—` (the syntax has no such thing), or a note. @internal */
export interface QuerySupportRow {
  feature: string;
  odata: string;
  fetchXml: string;
  queryExpression: string;
}

/** The support of each syntax, feature by feature. @internal */
export const querySupport: readonly QuerySupportRow[] = [
  { feature: 'Comparisons (eq, ne, gt, ge, lt, le)', odata: '✓', fetchXml: '✓ (`neq` too)', queryExpression: '✓' },
  { feature: 'And, or, nested', odata: '✓', fetchXml: '✓', queryExpression: '✓' },
  {
    feature: 'Not',
    odata: '✓ `not`',
    fetchXml: '✓ through the `not-…` operators',
    queryExpression: '✓ through the `DoesNot…`, `Not…` operators',
  },
  { feature: 'Null tests', odata: '✓ `eq null`, `ne null`', fetchXml: '✓ `null`, `not-null`', queryExpression: '✓ `Null`, `NotNull`' },
  {
    feature: 'Begins with, ends with',
    odata: '✓ `startswith`, `endswith`',
    fetchXml: '✓ (and `not-…`)',
    queryExpression: '✓ (and `DoesNot…`)',
  },
  { feature: 'Contains', odata: '✓ `contains`', fetchXml: "✓ `like '%x%'`", queryExpression: '501 (`Like`)' },
  { feature: 'Like with `%`, `_`, `[…]`', odata: '—', fetchXml: '✓ `like`, `not-like`', queryExpression: '501' },
  {
    feature: 'In, not in',
    odata: '✓ `Microsoft.Dynamics.CRM.In`, `NotIn`',
    fetchXml: '✓ `in`, `not-in`',
    queryExpression: '✓ `In`, `NotIn`',
  },
  {
    feature: 'Between',
    odata: '501 (`Microsoft.Dynamics.CRM.Between`)',
    fetchXml: '✓ `between`, `not-between`',
    queryExpression: '✓ `Between`, `NotBetween`',
  },
  {
    feature: 'Multi-select choices',
    odata: '✓ `ContainValues`, `DoesNotContainValues`',
    fetchXml: '✓ `contain-values`, `not-contain-values`',
    queryExpression: '✓ `ContainValues`, `DoesNotContainValues`',
  },
  {
    feature: 'Dates relative to now (today, last x days, this month…)',
    odata: '501 (the CRM query functions)',
    fetchXml: '✓ (operators below; UTC)',
    queryExpression: '`OlderThanX{Minutes,Hours,Days,Weeks}` ✓, others 501',
  },
  {
    feature: 'The current user, business unit',
    odata: '501',
    fetchXml: '✓ `eq-userid`, `ne-userid`, `eq-businessid`, `ne-businessid`',
    queryExpression: '501',
  },
  {
    feature: 'Inner join',
    odata: '— (`$expand` nests, it does not filter)',
    fetchXml: '✓ `link-entity`, one row per linked row',
    queryExpression: '✓ (a row once, however many linked rows match)',
  },
  { feature: 'Outer join', odata: '—', fetchXml: '✓ `link-type="outer"`', queryExpression: '501' },
  {
    feature: 'Exists (semi-join)',
    odata: '501 (`any`, `all`)',
    fetchXml: '✓ `exists`, `in`; `any`, `all`, `not any`, `not all` 501',
    queryExpression: '—',
  },
  {
    feature: 'Condition on a linked column',
    odata: '501 (a navigation path)',
    fetchXml: '✓ `entityname`',
    queryExpression: '501 (`EntityName`)',
  },
  {
    feature: 'Sort',
    odata: '✓ choices by value',
    fetchXml: '✓ choices by label (`useraworderby` by value); linked columns',
    queryExpression: 'ignored (a bulk delete has no order)',
  },
  { feature: 'Top', odata: '✓ `$top`', fetchXml: '✓ `top` (at most 5000)', queryExpression: '501 (`TopCount`)' },
  {
    feature: 'Paging',
    odata: '✓ `odata.maxpagesize`, `$skiptoken`',
    fetchXml: '✓ `count`, `page`, `paging-cookie` (read by page number)',
    queryExpression: '—',
  },
  { feature: 'Total count', odata: '✓ `$count`', fetchXml: '✓ `returntotalrecordcount`, `$count`', queryExpression: '—' },
  { feature: 'Distinct', odata: '—', fetchXml: '✓ `distinct`', queryExpression: 'ignored' },
  {
    feature: 'Group and aggregate',
    odata: '✓ `$apply` (`groupby`, `aggregate`: `$count`, sum, average, min, max)',
    fetchXml: '✓ `aggregate="true"` (count, countcolumn, sum, avg, min, max, groupby)',
    queryExpression: '—',
  },
  { feature: 'Distinct count', odata: '400 (`countdistinct`)', fetchXml: '✓ `countcolumn` with `distinct`', queryExpression: '—' },
  {
    feature: 'Group by a date part',
    odata: '400 (grouping by a date)',
    fetchXml: '✓ `dategrouping` day, week, month, quarter, year; fiscal 501',
    queryExpression: '—',
  },
];

/** The support table as the Markdown docs/emulator.md carries, with the FetchXML operator lists. @internal */
export function renderQuerySupport(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const rows = querySupport.map((row) => `| ${[row.feature, row.odata, row.fetchXml, row.queryExpression].map(cell).join(' | ')} |`);
  return [
    '| Feature | OData | FetchXML | QueryExpression (BulkDelete) |',
    '|---|---|---|---|',
    ...rows,
    '',
    `FetchXML condition operators implemented: ${Object.keys(fetchXmlOperators)
      .map((name) => `\`${name}\``)
      .join(', ')}.`,
    '',
    `Answered 501: ${notImplementedOperators.map((name) => `\`${name}\``).join(', ')}.`,
  ].join('\n');
}
