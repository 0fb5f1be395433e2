/**
 * The session panel's rules as pure functions, from the product's "Manage sessions" page:
 * titles, icons, badges, tooltips, and when sentiment raises an alert.
 */

/** How many unread messages the badge counts before it shows a plus. */
export const unreadBadgeLimit = 10;

/** The title of an unauthenticated conversation's session: `Visitor 1`, `Visitor 2`, … */
export function visitorTitle(visitorNumber: number): string {
  return `Visitor ${visitorNumber}`;
}

/**
 * A session's icon: the first two letters of its title (`Kenny Smith` → `Ke`, `#42 Refund`
 * → `Re`). Letters in any script count; a title without letters shows its first two characters.
 */
export function sessionIcon(title: string): string {
  const letters = Array.from(title).filter((char) => /\p{L}/u.test(char));
  return (letters.length > 0 ? letters : Array.from(title.trim())).slice(0, 2).join('');
}

/** The badge of an unread count: none at 0, the count up to 9, `10+` from 10 on. */
export function unreadBadge(unread: number): string | undefined {
  if (unread <= 0) return undefined;
  return unread >= unreadBadgeLimit ? `${unreadBadgeLimit}+` : String(unread);
}

/**
 * A session's tooltip: the sentiment alert first (it is urgent), then the unread count, else
 * the title.
 */
export function sessionTooltip(title: string, unread: number, alert: boolean): string {
  if (alert) return `${title}. Urgent attention is needed in your conversation.`;
  if (unread > 0) return `${title}. ${unread} new updates in your conversation.`;
  return title;
}

/**
 * The order of `msdyn_customersentimentlabel` from worst to best. `0` (N/A) is no sentiment
 * and never reaches a threshold.
 */
const sentimentOrder: readonly number[] = [7, 8, 9, 10, 11, 12, 13];

/** True when a sentiment label is a known, rated value (7 Very negative … 13 Very positive). */
export function isRatedSentiment(label: number): boolean {
  return sentimentOrder.includes(label);
}

/** True when `label` is at or below `threshold` in sentiment order (worse or equal). */
export function sentimentReaches(label: number, threshold: number): boolean {
  return isRatedSentiment(label) && sentimentOrder.indexOf(label) <= sentimentOrder.indexOf(threshold);
}
