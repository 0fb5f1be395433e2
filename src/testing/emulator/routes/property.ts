import { readPropertyValue } from '../body.js';
import { badRequest, segmentNotFound, unknownProperty } from '../errors.js';
import { propertiesOf } from '../query.js';
import { json, noContent, text } from '../responses.js';
import { defineRoute } from '../router.js';
import { readRecordPath } from './recordPath.js';

/**
 * `<set>(<id>)/<column>` and `…/$value`: read (`GET`), set (`PUT`) or clear (`DELETE`) one
 * column. The catch-all under a record: any other name is an unknown property (400), so routes
 * for more paths under a record (bound actions, `Microsoft.Dynamics.CRM.<Action>`) go before it.
 * @internal
 */
export const propertyRoute = defineRoute({
  path: '<set>(<id>)/<column>[/$value]',
  match(segments) {
    const path = readRecordPath(segments);
    const [property, last] = path?.rest ?? [];
    if (!path || property === undefined) return undefined;
    const column = propertiesOf(path.table).get(property);
    if (!column) throw unknownProperty(property, path.table);
    if (last !== undefined && last !== '$value') throw segmentNotFound(last);
    // A lookup is written under its logical name, and read as `_<name>_value`.
    const logicalName = /^_(.+)_value$/.exec(property)?.[1] ?? property;
    return { ...path, property, column, logicalName, raw: last === '$value' };
  },
  methods: {
    GET(context, { table, id, property, raw }) {
      const value = context.store.require(table.logicalName, id)[property] ?? null;
      if (value === null) return noContent(context.org);
      if (raw) return text(context.org, String(value));
      return json(context.org, { '@odata.context': `${context.base}$metadata#${table.entitySetName}(${id})/${property}`, value });
    },
    async PUT(context, { table, id, column, logicalName }) {
      if (column.kind === 'lookup') throw badRequest(`Set the lookup ${logicalName} with @odata.bind or $ref.`);
      context.store.update(table.logicalName, id, { [logicalName]: await readPropertyValue(context) });
      return noContent(context.org);
    },
    DELETE(context, { table, id, logicalName }) {
      context.store.update(table.logicalName, id, { [logicalName]: null });
      return noContent(context.org);
    },
  },
});
