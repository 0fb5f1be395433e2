/**
 * `GET <set>?$apply=…` (and `<set>(<id>)/<collection>?$apply=…`): the aggregated rows as
 * Dataverse answers them (client-api-facts §D): `@odata.context` without a column list, rows
 * without etag or key, null group keys left out, and with `Prefer: odata.include-annotations` the
 * group keys annotated as columns are and the aggregates given a formatted value and the column
 * they came from (`…@OData.Community.Display.V1.AttributeName`). Paged like any collection.
 */
import type { TableDef } from '../../../index.js';
import { annotatorOf } from '../annotations.js';
import type { RequestContext } from '../context.js';
import { ErrorCodes, ODataError } from '../errors.js';
import { formatValue } from '../formattedValues.js';
import { maxPageSize, nextLinkOf, readPageSize, readSkipToken, slicePage } from '../paging.js';
import { rejectRepeatedOptions } from '../query.js';
import { json } from '../responses.js';
import type { StoredRow } from '../store.js';
import { runApply } from './evaluate.js';
import { type ApplyPlan, parseApply } from './parse.js';

const formattedValue = 'OData.Community.Display.V1.FormattedValue';
const attributeName = 'OData.Community.Display.V1.AttributeName';
/** Options the emulator does not combine with `$apply`. */
const notWithApply = new Set(['$select', '$filter', '$top', '$expand', '$count', '$search', '$compute', '$levels']);

/** Answers an `$apply` query over the records `rows()` gives. @internal */
export function answerApply(context: RequestContext, table: TableDef, rows: () => Iterable<StoredRow>): Response {
  const params = context.url.searchParams;
  rejectRepeatedOptions(params);
  const aliases = new Map([...params].filter(([name]) => name.startsWith('@')));
  const plan = parseApply(params.get('$apply') ?? '', table, aliases);
  for (const name of params.keys()) checkOption(name, params.get(name) ?? '', plan);

  const prefer = context.headers.get('prefer') ?? '';
  const pageSize = readPageSize(prefer);
  const { page, nextOffset } = slicePage(runApply(table, rows(), plan), {
    top: undefined,
    pageSize,
    offset: readSkipToken(params.get('$skiptoken')),
  });
  const keys = plan.groupBy.map(({ property }) => ({
    property,
    annotate: annotatorOf(table, /^_(.+)_value$/.exec(property)?.[1] ?? property, context.include),
  }));
  const value = page.map(({ values, sample }) => {
    const out: Record<string, unknown> = {};
    for (const { property, annotate } of keys) {
      if (!(property in values)) continue;
      out[property] = values[property];
      if (sample) annotate?.(out, sample, context.store);
    }
    for (const spec of plan.aggregates) {
      const result = values[spec.alias];
      if (result !== null && context.include(formattedValue)) {
        const text = formatValue(spec.method === 'count' ? { kind: 'integer' } : spec.column!, result);
        if (text !== undefined) out[`${spec.alias}@${formattedValue}`] = text;
      }
      if (spec.property && context.include(attributeName))
        out[`${spec.alias}@${attributeName}`] = /^_(.+)_value$/.exec(spec.property)?.[1] ?? spec.property;
      out[spec.alias] = result;
    }
    return out;
  });
  const body: Record<string, unknown> = { '@odata.context': `${context.base}$metadata#${table.entitySetName}`, value };
  if (nextOffset !== undefined) body['@odata.nextLink'] = nextLinkOf(context.url, nextOffset, pageSize ?? maxPageSize);
  const applied = /odata\.include-annotations="[^"]*"/i.exec(prefer)?.[0];
  return json(context.org, body, 200, applied ? { 'Preference-Applied': applied } : {});
}

/** What may stand beside `$apply`: its skip token and parameter aliases; `$orderby` on an aggregate is Dataverse's documented 400. */
function checkOption(name: string, value: string, plan: ApplyPlan): void {
  if (name === '$apply' || name === '$skiptoken' || name.startsWith('@')) return;
  if (name === 'fetchXml' || name === 'savedQuery' || name === 'userQuery')
    throw new ODataError(501, ErrorCodes.NotImplemented, `The query option ${name} is not emulated.`);
  if (!name.startsWith('$')) return;
  if (name === '$orderby') {
    const aggregated = new Set(plan.aggregates.map((spec) => spec.alias));
    if (value.split(',').some((item) => aggregated.has(item.trim().split(/\s+/)[0]!))) {
      throw new ODataError(400, ErrorCodes.BadQuery, 'The query node SingleValueOpenPropertyAccess is not supported');
    }
    throw new ODataError(501, ErrorCodes.NotImplemented, 'The query option $orderby combined with $apply is not emulated.');
  }
  if (notWithApply.has(name))
    throw new ODataError(501, ErrorCodes.NotImplemented, `The query option ${name} combined with $apply is not emulated.`);
  if (name === '$skip') throw new ODataError(400, ErrorCodes.BadQuery, 'The query parameter $skip is not supported.');
  throw new ODataError(400, ErrorCodes.BadQuery, `The query parameter ${name} is not supported.`);
}
