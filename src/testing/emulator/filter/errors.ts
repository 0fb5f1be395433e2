/**
 * The answers a `$filter` can get instead of rows: 400 for text Dataverse would refuse, 501 for
 * valid OData the emulator does not implement (rather than a silently wrong result).
 */
import { ErrorCodes, ODataError } from '../errors.js';

/** A 400 with Dataverse's code for a malformed query option. */
export function badQuery(message: string): ODataError {
  return new ODataError(400, ErrorCodes.BadQuery, message);
}

/** A 400 naming the position (0-based) in `text` where parsing stopped. */
export function syntaxError(text: string, position: number): ODataError {
  return badQuery(`Syntax error at position ${position} in '${text}'.`);
}

/**
 * A 400 for an expression nested deeper than the parser allows, with the message of the OData
 * library Dataverse parses queries with (its `UriQueryExpressionParser_TooDeep`).
 */
export function nestedTooDeep(): ODataError {
  return badQuery('Recursion depth exceeded allowed limit.');
}

/** A 501 for valid OData the emulator does not implement. */
export function notImplemented(what: string): ODataError {
  return new ODataError(501, ErrorCodes.NotImplemented, `The emulator does not implement ${what} in $filter.`);
}
