/** What simulated customers say: their opening lines, their answers to the agent, their goodbyes. */

/** A new chat's first message. */
export const openingLines = [
  'Hi, I was charged twice for my last order.',
  'Hello, I cannot sign in to the portal since this morning.',
  'My router keeps restarting every few minutes.',
  'I would like to upgrade my plan, can you help?',
  'My parcel was marked delivered but it is not here.',
  'Hi! Quick question about my invoice 🙂',
] as const;

/** A customer's answer after the agent wrote. */
export const answers = [
  'Thanks, that helps.',
  'Okay, let me check.',
  'I already tried that, it did not work.',
  'Great, thank you!',
  'How long will this take?',
  'Could you send me a confirmation?',
] as const;

/** What a customer writes while waiting for the agent. */
export const nudges = ['Hello? Are you still there?', 'Any update?', 'This is taking a while…'] as const;

/** The system line posted when a customer leaves. */
export const leftLine = 'The customer has left the conversation.';

/** Names for visitors who sign in with one (the rest stay unauthenticated). */
export const visitorNames = ['Jordan Lee', 'Priya Nair', 'Kenji Sato', 'Amelia Clarke', 'Lucas Moreau'] as const;
