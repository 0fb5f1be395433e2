import { parseJsonBody } from '../body.js';
import { badRequest, recordNotFound } from '../errors.js';
import { json } from '../responses.js';
import { defineRoute } from '../router.js';

const roles = new Set(['agent', 'customer', 'bot', 'system']);

/**
 * `$emulator/messages`: the emulated chat service, not Dataverse (a `$` segment, which no entity
 * set can be). `GET ?after=<seq>[&conversationId=<id>]` answers the messages after `seq` and
 * the last `seq` (one request however many conversations a poller watches); `POST` adds one
 * `{ conversationId, text, from, sender? }` of an existing conversation. It lets a page in a
 * browser chat with the emulator behind the loopback server.
 * @internal
 */
export const messagesRoute = defineRoute({
  path: '$emulator/messages',
  match: (segments) => (segments.length === 2 && segments[0] === '$emulator' && segments[1] === 'messages' ? {} : undefined),
  methods: {
    GET(context) {
      const after = Number(context.url.searchParams.get('after') ?? '0');
      if (!Number.isSafeInteger(after) || after < 0) throw badRequest('after must be a message seq (a whole number ≥ 0).');
      const value = context.org.messages.after(after, context.url.searchParams.get('conversationId') ?? undefined);
      const last = value.at(-1)?.seq ?? Math.max(after, context.org.messages.all.at(-1)?.seq ?? 0);
      return json(context.org, { value, last });
    },
    async POST(context) {
      const body = parseJsonBody(await context.body.text()) as Record<string, unknown> | null;
      const { conversationId, text, from, sender } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      if (typeof conversationId !== 'string' || typeof text !== 'string' || typeof from !== 'string' || !roles.has(from)) {
        throw badRequest('Expected { conversationId, text, from: agent | customer | bot | system, sender? }.');
      }
      if (sender !== undefined && typeof sender !== 'string') throw badRequest('sender must be a string.');
      if (!context.store.find('msdyn_ocliveworkitem', conversationId)) throw recordNotFound('msdyn_ocliveworkitem', conversationId);
      const message = context.org.messages.post({
        conversationId,
        text,
        from: from as 'agent',
        ...(sender === undefined ? {} : { sender }),
      });
      return json(context.org, message, 201);
    },
  },
});
