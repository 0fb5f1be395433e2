import type { TableDef } from '../../../index.js';
import { answerApply } from '../apply/answer.js';
import { readReference, readReferenceBody } from '../body.js';
import type { RequestContext } from '../context.js';
import { ErrorCodes, ODataError, badRequest, methodNotAllowed } from '../errors.js';
import { answerList } from '../listing.js';
import { collectionNavigation, relatedTable } from '../relationships.js';
import { parseKey, readKeyedSegment } from '../resourcePath.js';
import { noContent } from '../responses.js';
import { defineRoute } from '../router.js';
import type { StoredRow } from '../store.js';
import { readRecordPath } from './recordPath.js';

/** What the matcher reads from `<set>(<id>)/<collection>[(<child>)][/$ref]`. */
interface CollectionPath {
  table: TableDef;
  id: string;
  /** The navigation property, as named in the path. */
  name: string;
  /** The child table. */
  child: TableDef;
  /** The child's lookup column that points back at the parent. */
  referencingColumn: string;
  /** The child key given in the path, read as a GUID. */
  childId: string | undefined;
  ref: boolean;
}

/**
 * `<set>(<id>)/<collection>` of a collection-valued navigation property: `GET` lists the
 * children (query options and paging as for an entity set); `…/$ref` associates a child
 * (`POST`); `…(<child>)/$ref` or `…/$ref?$id=<child URL>` disassociates one (`DELETE`).
 * @internal
 */
export const collectionNavigationRoute = defineRoute({
  path: '<set>(<id>)/<collection-valued navigation>[(<child id>)][/$ref]',
  match(segments): CollectionPath | undefined {
    const path = readRecordPath(segments);
    const [first, last] = path?.rest ?? [];
    const keyed = first === undefined ? undefined : readKeyedSegment(first);
    const navigation = path && keyed ? collectionNavigation(path.table, keyed.name) : undefined;
    if (!path || !keyed || !navigation) return undefined;
    if (last !== undefined ? last !== '$ref' : keyed.key !== undefined) {
      throw new ODataError(501, ErrorCodes.NotImplemented, `Addressing ${keyed.name}(…) directly is not emulated.`);
    }
    const child = relatedTable(navigation.table);
    return {
      table: path.table,
      id: path.id,
      name: keyed.name,
      child,
      referencingColumn: navigation.referencingColumn,
      childId: keyed.key === undefined ? undefined : parseKey(keyed.key),
      ref: last === '$ref',
    };
  },
  methods: {
    GET(context, path) {
      if (path.ref) throw methodNotAllowed(context.method);
      const parentId = requireParent(context, path);
      const answer = context.url.searchParams.has('$apply') ? answerApply : answerList;
      return answer(context, path.child, () => childrenOf(context, path, parentId));
    },
    async POST(context, path) {
      if (!path.ref || path.childId !== undefined) throw methodNotAllowed(context.method);
      const parentId = requireParent(context, path);
      const reference = await readReferenceBody(context);
      if (reference.table !== path.child) throw badRequest(`${path.name} cannot reference ${reference.table.entitySetName}.`);
      context.store.update(path.child.logicalName, reference.id, {
        [path.referencingColumn]: { table: path.table.logicalName, id: parentId },
      });
      return noContent(context.org);
    },
    DELETE(context, path) {
      if (!path.ref) throw methodNotAllowed(context.method);
      const parentId = requireParent(context, path);
      const idParam = context.url.searchParams.get('$id');
      const childId = path.childId ?? (idParam ? readReference(context.base, { '@odata.id': idParam }).id : undefined);
      if (childId === undefined) throw badRequest('Name the record to disassociate: <collection>(<id>)/$ref or $ref?$id=<url>.');
      const row = context.store.require(path.child.logicalName, childId);
      if (row[`_${path.referencingColumn}_value`] !== parentId) {
        throw new ODataError(
          404,
          ErrorCodes.RecordNotFound,
          `${path.child.logicalName} ${childId} is not associated through ${path.name}.`,
        );
      }
      context.store.update(path.child.logicalName, childId, { [path.referencingColumn]: null });
      return noContent(context.org);
    },
  },
});

/** The parent's id as stored (lower case), or 404 when the parent does not exist. */
function requireParent(context: RequestContext, path: CollectionPath): string {
  context.store.require(path.table.logicalName, path.id);
  return path.id.toLowerCase();
}

/** The children of the parent: the child table's records whose lookup points at it. */
function childrenOf(context: RequestContext, path: CollectionPath, parentId: string): StoredRow[] {
  return [...context.store.rows(path.child)].filter((row) => row[`_${path.referencingColumn}_value`] === parentId);
}
