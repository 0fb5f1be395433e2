/**
 * A request object of `Xrm.WebApi.online.execute` (its properties and `getMetadata()`) as the
 * HTTP request it stands for, as Microsoft's client builds it: CRUD (`Create`, `Retrieve`,
 * `Update`, `Delete`, `Associate`, `Disassociate`), actions (POST, unbound or bound to a record)
 * and functions (GET with parameter aliases).
 */
import { OmnichannelError, tableByLogicalName } from '../../index.js';
import { isGuid } from '../emulator/guid.js';
import type { RequestPart } from './batch.js';
import type { XrmEntityReference, XrmRequest, XrmRequestMetadata } from './types.js';

/** Where a request is resolved: the entity set of a table. @internal */
export interface RequestNames {
  setNameOf(entityLogicalName: string): string;
}

/** The HTTP request of one request object; an {@link OmnichannelError} naming what is wrong with it. @internal */
export function partOf(request: XrmRequest, names: RequestNames): RequestPart {
  if (typeof request !== 'object' || request === null || typeof request.getMetadata !== 'function') {
    throw new OmnichannelError('InvalidInput', 'A request must be an object with a getMetadata() method.');
  }
  const metadata = request.getMetadata() as XrmRequestMetadata;
  if (typeof metadata?.operationName !== 'string' || metadata.operationName === '')
    throw new OmnichannelError('InvalidInput', 'getMetadata().operationName must name the operation.');
  switch (metadata.operationType) {
    case 2:
      return crudPart(request, metadata.operationName, names);
    case 0:
      return actionPart(request, metadata, names);
    case 1:
      return functionPart(request, metadata, names);
    default:
      throw new OmnichannelError(
        'InvalidInput',
        `getMetadata().operationType must be 0 (action), 1 (function) or 2 (CRUD), got ${String(metadata.operationType)}.`,
      );
  }
}

function crudPart(request: XrmRequest, operation: string, names: RequestNames): RequestPart {
  const write = { 'MSCRM.SuppressDuplicateDetection': 'true' };
  switch (operation) {
    case 'Create':
      return { method: 'POST', path: names.setNameOf(name(request.etn, 'etn')), headers: write, body: payload(request.payload) };
    case 'Retrieve': {
      const reference = referenceOf(request.entityReference, 'entityReference');
      const columns = Array.isArray(request.columns)
        ? `?$select=${(request.columns as string[]).map((column) => lookupProperty(reference.entityType, column)).join(',')}`
        : '';
      return { method: 'GET', path: `${recordPath(reference, names)}${columns}`, headers: { Prefer: 'odata.include-annotations="*"' } };
    }
    case 'Update':
      // If-Match: * makes it an update only: a missing record is 404, not created (no upsert).
      return {
        method: 'PATCH',
        path: recordPath({ entityType: name(request.etn, 'etn'), id: id(request.id, 'id') }, names),
        headers: { ...write, 'If-Match': '*' },
        body: payload(request.payload),
      };
    case 'Delete':
      return { method: 'DELETE', path: recordPath(referenceOf(request.entityReference, 'entityReference'), names), headers: {} };
    case 'Associate': {
      const target = referenceOf(request.target, 'target');
      const related = request.relatedEntities;
      if (!Array.isArray(related) || related.length !== 1)
        throw new OmnichannelError('InvalidInput', 'relatedEntities must hold one record: the fake associates one record per request.');
      const one = referenceOf(related[0], 'relatedEntities[0]');
      return {
        method: 'POST',
        path: `${recordPath(target, names)}/${name(request.relationship, 'relationship')}/$ref`,
        headers: {},
        body: { '@odata.id': recordPath(one, names) },
      };
    }
    case 'Disassociate': {
      const target = referenceOf(request.target, 'target');
      return {
        method: 'DELETE',
        path: `${recordPath(target, names)}/${name(request.relationship, 'relationship')}(${id(request.relatedEntityId, 'relatedEntityId')})/$ref`,
        headers: {},
      };
    }
    default:
      throw new OmnichannelError(
        'InvalidInput',
        `The CRUD operation '${operation}' is not one of Create, Retrieve, Update, Delete, Associate, Disassociate.`,
      );
  }
}

function actionPart(request: XrmRequest, metadata: XrmRequestMetadata, names: RequestNames): RequestPart {
  const bound = metadata.boundParameter;
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (key === bound || typeof value === 'function') continue;
    body[key] = metadata.parameterTypes?.[key]?.structuralProperty === 5 ? entityParameter(value, key) : value;
  }
  const path = bound
    ? `${recordPath(referenceOf(request[bound], bound), names)}/Microsoft.Dynamics.CRM.${metadata.operationName}`
    : metadata.operationName;
  return { method: 'POST', path, headers: {}, body };
}

function functionPart(request: XrmRequest, metadata: XrmRequestMetadata, names: RequestNames): RequestPart {
  const bound = metadata.boundParameter;
  const parameters = Object.entries(request).filter(([key, value]) => key !== bound && typeof value !== 'function');
  const list = parameters.map(([key], index) => `${key}=@p${index + 1}`).join(',');
  const aliases = parameters.map(
    ([key, value], index) => `@p${index + 1}=${encodeURIComponent(literal(value, metadata.parameterTypes?.[key]?.typeName))}`,
  );
  const call = `${metadata.operationName}(${list})${aliases.length ? `?${aliases.join('&')}` : ''}`;
  const path = bound ? `${recordPath(referenceOf(request[bound], bound), names)}/Microsoft.Dynamics.CRM.${call}` : call;
  return { method: 'GET', path, headers: { Prefer: 'odata.include-annotations="*"' } };
}

/** A function parameter as an OData literal: strings quoted, others as JSON. */
function literal(value: unknown, typeName: string | undefined): string {
  if (typeof value === 'string' && (typeName === undefined || typeName === 'Edm.String')) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** An entity parameter `{ entityType, id }` as the Web API takes it. */
function entityParameter(value: unknown, key: string): unknown {
  const reference = referenceOf(value, key);
  const table = tableByLogicalName(reference.entityType);
  return {
    '@odata.type': `Microsoft.Dynamics.CRM.${reference.entityType}`,
    [table?.primaryKey ?? `${reference.entityType}id`]: reference.id,
  };
}

function recordPath(reference: XrmEntityReference, names: RequestNames): string {
  return `${names.setNameOf(reference.entityType)}(${reference.id})`;
}

/** A column of a Retrieve request as the Web API names it (`_x_value` for a lookup). */
function lookupProperty(entityType: string, column: string): string {
  return tableByLogicalName(entityType)?.columns[column]?.kind === 'lookup' ? `_${column}_value` : column;
}

function referenceOf(value: unknown, field: string): XrmEntityReference {
  const reference = value as Partial<XrmEntityReference> | null;
  if (typeof reference !== 'object' || reference === null)
    throw new OmnichannelError('InvalidInput', `${field} must be { entityType, id }.`);
  return { entityType: name(reference.entityType, `${field}.entityType`), id: id(reference.id, `${field}.id`) };
}

/** A table or relationship name: letters, digits and underscores. @internal */
export function name(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value))
    throw new OmnichannelError('InvalidInput', `${field} must be a logical name (letters, digits, _), got ${JSON.stringify(value)}.`);
  return value;
}

/** A GUID, braces taken off. @internal */
export function id(value: unknown, field: string): string {
  const text = typeof value === 'string' ? value.replace(/^\{|\}$/g, '') : '';
  if (!isGuid(text)) throw new OmnichannelError('InvalidInput', `${field} must be a GUID, got ${JSON.stringify(value)}.`);
  return text;
}

function payload(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new OmnichannelError('InvalidInput', 'data (payload) must be an object of column values.');
  return value as Record<string, unknown>;
}
