import { readReferenceBody } from '../body.js';
import { answerRecord } from '../entity.js';
import { ErrorCodes, ODataError, badRequest, methodNotAllowed, segmentNotFound } from '../errors.js';
import { singleNavigation } from '../relationships.js';
import { noContent } from '../responses.js';
import { defineRoute } from '../router.js';
import { lookupTarget } from '../store.js';
import { readRecordPath } from './recordPath.js';

/**
 * `<set>(<id>)/<nav>` of a single-valued navigation property (a lookup): `GET` answers the
 * related record (204 when there is none); `…/$ref` sets (`PUT`) or clears (`DELETE`) the lookup.
 * @internal
 */
export const singleNavigationRoute = defineRoute({
  path: '<set>(<id>)/<single-valued navigation>[/$ref]',
  match(segments) {
    const path = readRecordPath(segments);
    const [name, last] = path?.rest ?? [];
    const navigation = path && name !== undefined ? singleNavigation(path.table, name) : undefined;
    if (!path || !navigation) return undefined;
    if (last !== undefined && last !== '$ref') throw segmentNotFound(last);
    return { ...path, name: name!, ...navigation, ref: last === '$ref' };
  },
  methods: {
    GET(context, { table, id, column, target, ref }) {
      if (ref) throw methodNotAllowed(context.method);
      const relatedId = context.store.require(table.logicalName, id)[`_${column}_value`];
      if (typeof relatedId !== 'string' || context.store.find(target, relatedId) === undefined) return noContent(context.org);
      return answerRecord(context, context.store.table(target), relatedId);
    },
    async PUT(context, { table, id, name, column, target, ref }) {
      if (!ref) throw methodNotAllowed(context.method);
      const reference = await readReferenceBody(context);
      if (reference.table.logicalName !== target) throw badRequest(`${name} cannot reference ${reference.table.entitySetName}.`);
      context.store.update(table.logicalName, id, { [column]: { table: target, id: reference.id } });
      return noContent(context.org);
    },
    DELETE(context, { table, id, name, column, target, ref }) {
      if (!ref) throw methodNotAllowed(context.method);
      // A polymorphic lookup (customer) is cleared only through the navigation property of its current target.
      if (lookupTarget(context.store.require(table.logicalName, id), column) !== target) {
        throw new ODataError(404, ErrorCodes.RecordNotFound, `${name} of ${table.logicalName} ${id} references no ${target}.`);
      }
      context.store.update(table.logicalName, id, { [column]: null });
      return noContent(context.org);
    },
  },
});
