/** The answers FetchXML gets instead of rows, in Dataverse's codes. */
import type { TableDef } from '../../../index.js';
import { ErrorCodes, ODataError } from '../errors.js';

/** Dataverse's codes for FetchXML it refuses. @internal */
export const FetchXmlCodes = {
  /** Malformed XML, or XML that is not FetchXML (Dataverse: `Invalid XML.`). */
  InvalidXml: '0x80040201',
  /** An attribute the entity does not have (`QueryBuilderNoAttribute`). */
  NoAttribute: '0x80041103',
  /** More than 15 link-entity elements. */
  TooManyLinks: '0x8004430d',
} as const;

/** 400 `Invalid XML.`, with what is wrong after it. @internal */
export function invalidXml(detail: string): ODataError {
  return new ODataError(400, FetchXmlCodes.InvalidXml, `Invalid XML. ${detail}`);
}

/** 400 for a FetchXML that is well-formed but that Dataverse refuses. @internal */
export function badFetch(message: string): ODataError {
  return new ODataError(400, ErrorCodes.BadQuery, message);
}

/** 400 `QueryBuilderNoAttribute`, in Dataverse's words. @internal */
export function noAttribute(table: Pick<TableDef, 'logicalName'>, name: string): ODataError {
  return new ODataError(
    400,
    FetchXmlCodes.NoAttribute,
    `'${table.logicalName}' entity doesn't contain attribute with Name = '${name}' and NameMapping = 'Logical'. (look up attribute by name is case-sensitive)`,
  );
}

/** 501 naming a FetchXML construct the emulator does not implement. @internal */
export function fetchNotImplemented(what: string): ODataError {
  return new ODataError(501, ErrorCodes.NotImplemented, `The emulator does not implement ${what} in FetchXML.`);
}
