import { OmnichannelError, invalidInput } from '../http/errors.js';

/**
 * Rich message types an admin can create (Customer Service admin center → Productivity →
 * Rich messages), as `richObjectType` values. The product documents the type names and that
 * Forms cannot be sent; the numeric values are UNCONFIRMED (the SDK numbers them in the order
 * the product lists them, from 192350000) and this is the one place to correct them.
 */
export const RichMessageType = /* @__PURE__ */ Object.freeze({
  ApplePay: 192350000,
  Authentication: 192350001,
  CustomJson: 192350002,
  Forms: 192350003,
  ListPicker: 192350004,
  SuggestedReply: 192350005,
  TimePicker: 192350006,
  VideoRichLink: 192350007,
  WebsiteRichLink: 192350008,
} as const);

/** `RichMessageType.Forms`, kept apart so a bundle that checks it does not carry every type. */
const formsType = 192350003;

/**
 * A rich message (`MessageObject`) as the product's "Retrieve and format rich messages" page
 * prepares it: the admin's rich-message JSON, with `survey` processed into a string.
 */
export interface RichMessage {
  /** The rich message record's id. */
  richObjectId?: string;
  /** Its type: a {@link RichMessageType} value. Forms cannot be sent. */
  richObjectType?: number;
  /** Its name. */
  richObjectName?: string;
  /** The processed payload, a JSON string of `{ Questions, Answers }`. */
  survey?: string | object;
  /** Anything else the admin's JSON carries (`tabKey`, …), sent as given. */
  [key: string]: unknown;
}

/**
 * Checks a message for `sendMessageToConversation`: a non-empty string, or a rich message
 * object that is plain JSON and not of type Forms. Returns it unchanged.
 * @internal
 */
export function checkOutgoingMessage(message: unknown): string | RichMessage {
  if (typeof message === 'string') {
    if (message.trim() === '') throw invalidInput('message', 'must not be empty');
    return message;
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    throw invalidInput('message', 'must be text or a rich message (MessageObject)');
  }
  const rich = message as RichMessage;
  if (rich.richObjectType === formsType) {
    throw new OmnichannelError('Unsupported', 'A Forms rich message cannot be sent', {
      field: 'message.richObjectType',
    });
  }
  if (rich.richObjectType !== undefined && !Number.isInteger(rich.richObjectType))
    throw invalidInput('message.richObjectType', 'must be a RichMessageType value');
  try {
    JSON.stringify(rich);
  } catch (cause) {
    throw new OmnichannelError('InvalidInput', 'message is not JSON-serialisable', { field: 'message', cause });
  }
  return rich;
}

/** The text a message shows in a send box or a transcript: the string, or the rich message's JSON. @internal */
export function messageText(message: string | RichMessage): string {
  return typeof message === 'string' ? message : JSON.stringify(message);
}
