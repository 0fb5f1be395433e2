import { parseJsonBody } from '../body.js';
import { type ContactCenterMessage, documentedMessages, undocumentedMessages } from '../contactCenter/messages.js';
import { readFunctionCall } from '../contactCenter/functionCall.js';
import { ErrorCodes, ODataError, badRequest, methodNotAllowed, recordNotFound } from '../errors.js';
import { readRecordSegment } from '../resourcePath.js';
import { type RouteHandler, defineRoute } from '../router.js';
import { own } from '../store.js';

interface Params {
  /** The message segment: `Name`, `Name()` or `Name(P=@p1,…)`. */
  segment: string;
  /** The conversation a bound call names. */
  conversationId?: string;
}

const boundPrefix = 'Microsoft.Dynamics.CRM.';

/** Reads `CCaaS_X…` (unbound) or `msdyn_ocliveworkitems(<id>)/Microsoft.Dynamics.CRM.CCaaS_X…` (bound); only names the emulator knows. */
function match(segments: readonly string[]): { segment: string; conversationId?: string } | undefined {
  const known = (segment: string) => {
    const name = /^(CCaaS_[A-Za-z0-9_]+)(\(.*\))?$/s.exec(segment)?.[1];
    return name !== undefined && (own(documentedMessages, name) !== undefined || undocumentedMessages.has(name));
  };
  if (segments.length === 1 && known(segments[0]!)) return { segment: segments[0]! };
  if (segments.length === 2 && segments[1]!.startsWith(boundPrefix) && known(segments[1]!.slice(boundPrefix.length))) {
    const record = readRecordSegment(segments[0]!);
    if (record?.table.logicalName === 'msdyn_ocliveworkitem')
      return { segment: segments[1]!.slice(boundPrefix.length), conversationId: record.id };
  }
  return undefined;
}

/** Answers a call once its method is known to be the message's. */
const handle =
  (method: 'GET' | 'POST'): RouteHandler<Params> =>
  async (context, { segment, conversationId }) => {
    const call = readFunctionCall(segment, context.url.searchParams)!;
    if (undocumentedMessages.has(call.name)) {
      throw new ODataError(
        501,
        ErrorCodes.NotImplemented,
        `The emulator does not implement ${call.name}: Microsoft does not document its parameters.`,
      );
    }
    const message = own(documentedMessages, call.name) as ContactCenterMessage;
    if ((message.kind === 'function') !== (method === 'GET')) throw methodNotAllowed(method);
    if (conversationId !== undefined) {
      if (!context.store.find('msdyn_ocliveworkitem', conversationId)) throw recordNotFound('msdyn_ocliveworkitem', conversationId);
      throw badRequest(`${call.name} is not bound to msdyn_ocliveworkitem: call it at the Web API root.`);
    }
    if (message.kind === 'action' && call.parameters.size > 0)
      throw badRequest(`${call.name} is an action: its parameters go in the request body.`);
    let body: Record<string, unknown> = {};
    if (method === 'POST') {
      const parsed = parseJsonBody(await context.body.text());
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw badRequest(`The ${call.name} request body must be a JSON object.`);
      body = parsed as Record<string, unknown>;
    }
    return message.answer(context, { body, parameters: call.parameters });
  };

/**
 * The Contact Center messages: `POST <Action>` and `GET <Function>(…)` at the root (the
 * documented ones answered, the conversation table's other `CCaaS_*` messages 501), and the same
 * names bound to a conversation (`msdyn_ocliveworkitems(<id>)/Microsoft.Dynamics.CRM.CCaaS_X`),
 * 501 for the undocumented and 400 for the documented, which are unbound.
 * @internal
 */
export const contactCenterRoute = defineRoute({
  path: 'CCaaS_<Name>(…) | msdyn_ocliveworkitems(<id>)/Microsoft.Dynamics.CRM.CCaaS_<Name>',
  // The parameters are read by the handler, which has the query string their aliases are in.
  match: (segments): Params | undefined => match(segments),
  methods: { GET: handle('GET'), POST: handle('POST') },
});
