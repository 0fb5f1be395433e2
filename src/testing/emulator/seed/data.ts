/**
 * The fixed data of the seeded contact centre: names, titles, topics and texts. Nothing here
 * draws on the random source; the plan and the builders choose among these.
 */
import { Channel, WorkDistributionMode } from '../../../index.js';

/** Agents (`systemuser`); the first is the signed-in user. */
export const AGENT_NAMES = ['Megan Bowen', 'Alex Wilber', 'Diego Siciliani', 'Isaiah Langer', 'Lynne Robbins'] as const;
/** The supervisor who monitors a conversation. */
export const SUPERVISOR_NAME = 'Nestor Wilke';
/** Queues, in the order `TOPICS[].queue` indexes them. */
export const QUEUE_NAMES = ['Billing', 'Technical support', 'VIP'] as const;
/** Index of the VIP queue in {@link QUEUE_NAMES}. */
export const VIP = 2;
/** One workstream per channel, with how it distributes work. */
export const WORKSTREAMS = [
  { name: 'Live chat', channel: Channel.LiveChat, mode: WorkDistributionMode.Push },
  { name: 'SMS', channel: Channel.Sms, mode: WorkDistributionMode.Push },
  { name: 'Microsoft Teams', channel: Channel.MicrosoftTeams, mode: WorkDistributionMode.Pick },
  { name: 'Voice', channel: Channel.VoiceCall, mode: WorkDistributionMode.Push },
] as const;
/** Channels of conversations not pinned by the plan; live chat is the busiest. */
export const CHANNEL_MIX: readonly number[] = [
  Channel.LiveChat,
  Channel.LiveChat,
  Channel.LiveChat,
  Channel.Sms,
  Channel.MicrosoftTeams,
  Channel.VoiceCall,
];
/** Customer accounts. */
export const ACCOUNT_NAMES = ['Fabrikam', 'Adventure Works', 'Northwind Traders', 'Tailspin Toys', 'Woodgrove Bank', 'Litware'] as const;
/** Customer contacts, each given an account in turn. */
export const CONTACT_NAMES = [
  'Maria Campbell',
  'Yvonne McKay',
  'Susanna Stubberod',
  'Nancy Anderson',
  'Sidney Higa',
  'Scott Konersmann',
  'Robert Lyon',
  'Paul Cannon',
  'Rene Valdes',
  'Thomas Andersen',
] as const;
/** Cases (`incident`), one per customer who brings one. */
export const CASE_TITLES = [
  'Refund for duplicate charge',
  'Portal sign-in fails',
  'Router keeps rebooting',
  'Upgrade to premium plan',
  'Missing delivery',
] as const;
/** Skills (`characteristic`) conversations can require. */
export const SKILLS = ['English', 'Billing', 'Spanish', 'Premium'] as const;
/** What customers contact us about: subject, queue index, the customer's two lines, the agent's answer. */
export const TOPICS = [
  {
    subject: 'Invoice shows a double charge',
    queue: 0,
    ask: 'Hi, I was charged twice this month.',
    detail: 'Invoice 1042 has the same line twice.',
    answer: 'I have refunded the duplicate charge; it shows in 3–5 days.',
  },
  {
    subject: 'Update payment method',
    queue: 0,
    ask: 'How do I change my credit card?',
    detail: 'The old card expires next week.',
    answer: 'I sent you a secure link to update the card.',
  },
  {
    subject: 'Cannot sign in to the portal',
    queue: 1,
    ask: 'The portal says my password is wrong.',
    detail: 'I reset it twice already.',
    answer: 'Your account was locked; I unlocked it, please try again.',
  },
  {
    subject: 'Router keeps rebooting',
    queue: 1,
    ask: 'My router restarts every few minutes.',
    detail: 'The light blinks orange before it restarts.',
    answer: 'A firmware update fixes this; I pushed it to your device.',
  },
  {
    subject: 'App crashes on start',
    queue: 1,
    ask: 'The mobile app closes right after it opens.',
    detail: 'It started after the last update.',
    answer: 'Please reinstall version 4.2.1; the fix is in there.',
  },
  {
    subject: 'Upgrade to premium plan',
    queue: VIP,
    ask: 'I would like to upgrade our plan.',
    detail: 'We need 20 more seats.',
    answer: 'Done: 20 seats added, pro-rated on the next invoice.',
  },
  {
    subject: 'Where is my order?',
    queue: 0,
    ask: 'My order has not arrived yet.',
    detail: 'Order number 55-1873.',
    answer: 'It is out for delivery and arrives today.',
  },
] as const;
/** What a customer talks about: one of {@link TOPICS}. */
export type Topic = (typeof TOPICS)[number];
/** The files customers send: name, type, and the (fake) bytes: a magic-number header and text. */
export const FILES = {
  invoice: {
    name: 'invoice-1042.pdf',
    fileType: 'pdf',
    mimetype: 'application/pdf',
    header: [],
    text: '%PDF-1.4\n% fake invoice 1042\n%%EOF\n',
  },
  screenshot: {
    name: 'screenshot.png',
    fileType: 'png',
    mimetype: 'image/png',
    header: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    text: 'fake screenshot',
  },
} as const;
/** Which of {@link FILES} a conversation carries. */
export type FileKind = keyof typeof FILES;
/** The Copilot Studio bot that fronts live chat. */
export const BOT_NAME = 'Contoso virtual agent';
/** The bot topic a conversation ended on, by how the bot session ended. */
export const BOT_TOPICS = { resolved: 'Order status', escalated: 'Talk to an agent', abandoned: 'Billing question' } as const;
/** How a bot session ended. */
export type BotOutcome = keyof typeof BOT_TOPICS;
/** The rating values (`ratingvalue`) skills are required at. */
export const RATINGS = ['Intermediate', 'Advanced', 'Expert'] as const;
/** A second Copilot Studio bot, in front of billing questions. */
export const BILLING_BOT_NAME = 'Contoso billing assistant';
/**
 * Files of several types and sizes, sent in the conversations the records features read: a photo
 * and a text file with a non-ASCII name, a Word document, a CSV export and a voice message.
 * `size` bytes: the header, then filler made from the seed.
 */
export const EXTRA_FILES = {
  photo: { name: '配達伝票.jpg', fileType: 'jpg', mimetype: 'image/jpeg', header: [0xff, 0xd8, 0xff, 0xe0], size: 48_213 },
  note: { name: 'reçu-Zoë.txt', fileType: 'txt', mimetype: 'text/plain', text: 'Zoe\u0308 A\u030angstro\u0308m — 受取人 ✔\n' },
  document: {
    name: 'warranty-terms.docx',
    fileType: 'docx',
    mimetype: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    header: [0x50, 0x4b, 0x03, 0x04],
    size: 19_872,
  },
  log: {
    name: 'router-log.csv',
    fileType: 'csv',
    mimetype: 'text/csv',
    text: 'time,event\n'.padEnd(3_072, '2026-02-01T00:00:00Z,reboot\n'),
  },
  voice: {
    name: 'voicemail.m4a',
    fileType: 'm4a',
    mimetype: 'audio/mp4',
    header: [0x00, 0x00, 0x00, 0x20, 0x66, 0x74, 0x79, 0x70],
    size: 131_072,
  },
} as const;
/** A chat in Japanese, with emoji (a skin tone, a ZWJ family) and combining marks, as its drafts' texts. */
export const INTERNATIONAL_CHAT = {
  customerName: '田中 美咲',
  title: '田中 美咲: 注文が届かない 📦',
  ask: 'こんにちは！注文した商品がまだ届きません 📦',
  greeting: 'こんにちは、田中様。お調べしますね 🙏',
  detail: '配達伝票の写真を送ります。宛名が「Zoe\u0308 A\u030angstro\u0308m」になっています 🤔',
  internal: '宛名ラベルの結合文字 (e\u0308, A\u030a) を配送業者に確認します',
  answer: '配送業者に連絡しました。明日届きます 🚚✨ 👍🏽',
  thanks: 'ありがとうございます！👨‍👩‍👧 家族みんな喜びます',
  goodbye: 'どういたしまして。良い一日を！',
} as const;
