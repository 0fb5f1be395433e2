import { OmnichannelError, invalidInput } from '../http/errors.js';
import type { CallContext, HttpRequest } from '../http/transport.js';
import { longGetTransport, maxBatchUrlLength } from '../odata/batch.js';
import { dateLiteral, guid, isGuid, numberLiteral, preview, stringLiteral } from '../odata/literals.js';
import { type ApiContext, type CallOptions, withCall } from './call.js';
import { conversationSet } from './conversation.js';

/** Options of a Dataverse action or function call. */
export interface ActionOptions extends CallOptions {
  /**
   * Calls the message bound to a conversation:
   * `msdyn_ocliveworkitems(<id>)/Microsoft.Dynamics.CRM.<Name>`.
   * @default unbound: `<Name>` at the Web API root
   */
  conversationId?: string;
  /**
   * Runs the call as another user: sets `MSCRMCallerID: <systemuserid>` (impersonation, which
   * needs the caller's privilege to act on behalf of others).
   */
  callerId?: string;
}

/**
 * A value a function parameter takes, written as an OData literal in a parameter alias: a
 * string (a GUID is written as a GUID, anything else quoted with its quotes doubled), a finite
 * number, a boolean, `null`, a `Date` (ISO 8601) or an array of strings and numbers.
 */
export type FunctionParameterValue = string | number | boolean | null | Date | readonly (string | number)[];

const identifierPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The message name, checked: letters, digits and `_`. */
function messageName(name: unknown): string {
  if (typeof name !== 'string' || !identifierPattern.test(name)) {
    throw invalidInput('name', `must be a message name (letters, digits and _), got ${preview(name)}`);
  }
  return name;
}

/** The path of a message: unbound at the root, or bound to a conversation. */
function messagePath(name: string, options: ActionOptions | undefined): string {
  if (options?.conversationId === undefined) return name;
  return `${conversationSet}(${guid(options.conversationId, 'options.conversationId')})/Microsoft.Dynamics.CRM.${name}`;
}

/** `MSCRMCallerID` when the options impersonate. @internal */
export function callerHeaders(callerId: string | undefined, field = 'options.callerId'): Record<string, string> {
  return callerId === undefined ? {} : { MSCRMCallerID: guid(callerId, field) };
}

/** The parameters object, checked: a plain object of identifier keys. */
function parameterObject(parameters: unknown): Record<string, unknown> {
  if (parameters === undefined) return {};
  if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) throw invalidInput('parameters', 'must be an object');
  for (const key of Object.keys(parameters)) {
    if (!identifierPattern.test(key)) throw invalidInput(`parameters.${key.slice(0, 40)}`, 'is not a parameter name (letters, digits and _)');
  }
  return parameters as Record<string, unknown>;
}

/**
 * Builds an action request: `POST <Name>` (or bound) with the parameters as the JSON body.
 * Pure; throws `InvalidInput` for a bad name, parameter or id.
 * @internal
 */
export function buildActionRequest(name: unknown, parameters: unknown, options?: ActionOptions): HttpRequest {
  const path = messagePath(messageName(name), options);
  const body = parameterObject(parameters);
  return { method: 'POST', url: path, body, headers: callerHeaders(options?.callerId) };
}

/**
 * Builds a function request: `GET <Name>(P1=@p1,…)?@p1=<literal>&…`, each value a safe literal
 * in a parameter alias, percent-encoded. Pure; throws `InvalidInput` for a bad name or value.
 * @internal
 */
export function buildFunctionRequest(name: unknown, parameters: unknown, options?: ActionOptions): HttpRequest {
  const path = messagePath(messageName(name), options);
  const entries = Object.entries(parameterObject(parameters)).filter(([, value]) => value !== undefined);
  const call = entries.map(([key], index) => `${key}=@p${index + 1}`).join(',');
  const aliases = entries.map(([key, value], index) => `@p${index + 1}=${encodeURIComponent(literal(value, `parameters.${key}`))}`);
  return { method: 'GET', url: `${path}(${call})${aliases.length ? `?${aliases.join('&')}` : ''}`, headers: callerHeaders(options?.callerId) };
}

/** A function parameter's OData literal. */
function literal(value: unknown, field: string): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return numberLiteral(value, field);
  if (value instanceof Date) return dateLiteral(value, field);
  if (typeof value === 'string') return isGuid(value) ? guid(value, field) : stringLiteral(value);
  if (Array.isArray(value)) {
    return `[${value
      .map((item, index) => {
        if (typeof item === 'string') return stringLiteral(item);
        if (typeof item === 'number') return numberLiteral(item, `${field}[${index}]`);
        throw invalidInput(`${field}[${index}]`, 'must be a string or a number');
      })
      .join(',')}]`;
  }
  throw invalidInput(field, `must be a string, number, boolean, null, Date or array, got ${preview(value)}`);
}

/**
 * Sends an action: never repeated but on 429 (the transport's rule for POST). Resolves the
 * response body, or `undefined` for 204.
 * @internal
 */
export function executeAction(context: ApiContext, name: string, parameters?: object, options?: ActionOptions): Promise<unknown> {
  return withCall(`executeAction`, options, async (call) => {
    const request = buildActionRequest(name, parameters, options);
    return (await context.send(request, call)).body;
  });
}

/**
 * Sends a function. A URL over Dataverse's 32 KB limit travels as a GET inside `$batch` (up to
 * 64 KB) instead of failing; a longer one is refused as `InvalidInput` before any request.
 * Resolves the response body.
 * @internal
 */
export function executeFunction(
  context: ApiContext,
  webApiUrl: string,
  name: string,
  parameters?: Readonly<Record<string, FunctionParameterValue>>,
  options?: ActionOptions,
): Promise<unknown> {
  return withCall(`executeFunction`, options, async (call) => {
    const request = buildFunctionRequest(name, parameters, options);
    const length = new URL(request.url, webApiUrl).href.length;
    if (length > maxBatchUrlLength) {
      throw invalidInput(
        'parameters',
        `make a URL of ${length} characters, over ${maxBatchUrlLength}, the longest Dataverse takes even as a GET inside $batch`,
      );
    }
    return (await sendFunction(context, webApiUrl, request, call)).body;
  });
}

/** Sends a function request, through `$batch` when its URL is too long on its own. @internal */
export function sendFunction(context: ApiContext, webApiUrl: string, request: HttpRequest, call: CallContext) {
  return longGetTransport(context.send, webApiUrl, context.now)(request, call);
}

/** The JSON object a message answered; `InvalidResponse` for anything else. @internal */
export function responseObject(body: unknown, name: string, call: CallContext): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new OmnichannelError('InvalidResponse', `${name} answered without a JSON object`, { correlationId: call.correlationId });
  }
  return body as Record<string, unknown>;
}
