import type { TableDef } from '../../../index.js';
import { answerApply } from '../apply/answer.js';
import { readWriteBody } from '../body.js';
import { answerWrite } from '../entity.js';
import { segmentNotFound } from '../errors.js';
import { answerFetchXml } from '../fetchXml/index.js';
import { answerList, reportedCount } from '../listing.js';
import { parseQueryOptions, selectRows } from '../query.js';
import { readEntitySet } from '../resourcePath.js';
import { text } from '../responses.js';
import { defineRoute } from '../router.js';

/** The table of a path that is an entity set without a key, and nothing else. */
function readCollection(segments: readonly string[], length: number): { table: TableDef } | undefined {
  const set = readEntitySet(segments[0] ?? '');
  return set && set.key === undefined && segments.length === length ? { table: set.table } : undefined;
}

/** `GET <set>/$count`: the number of matching records (at most 5000), as plain text. @internal */
export const countRoute = defineRoute({
  path: '<set>/$count',
  match: (segments) => (segments[1] === '$count' ? readCollection(segments, 2) : undefined),
  methods: {
    GET(context, { table }) {
      const options = parseQueryOptions(table, context.url.searchParams);
      return text(context.org, String(reportedCount(selectRows(table, context.store.rows(table), options).length)));
    },
  },
});

/**
 * `<set>`: `GET` lists (filter, order, page), `POST` creates. Any other path under an entity set
 * is 404: routes for more of them (`<set>/Microsoft.Dynamics.CRM.<Action>`) go before this one.
 * @internal
 */
export const collectionRoute = defineRoute({
  path: '<set>',
  match(segments) {
    const set = readEntitySet(segments[0] ?? '');
    if (!set || set.key !== undefined) return undefined;
    if (segments.length > 1) throw segmentNotFound(segments[1]!);
    return { table: set.table };
  },
  methods: {
    GET: (context, { table }) =>
      context.url.searchParams.has('fetchXml')
        ? answerFetchXml(context, table)
        : (context.url.searchParams.has('$apply') ? answerApply : answerList)(context, table, () => context.store.rows(table)),
    async POST(context, { table }) {
      const id = context.store.create(table.logicalName, await readWriteBody(context, table));
      return answerWrite(context, table, id, 201);
    },
  },
});
