// @vitest-environment node
// The session panel in real Chromium: the SDK's and the panel's script tags side by side on a
// page served from loopback, a workspace that sends no request (host: 'builtin'), and the agent's
// clicks and keys. Screenshots go to test/e2e/artifacts/ for a person to look at.
import { mkdirSync, readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = join(root, 'test/e2e/artifacts');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

/** The host page: the panel in a column on the left, the session's content beside it. */
const page = {
  html: `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Session panel</title>
    <link rel="stylesheet" href="/page.css">
    <script src="/dist/omnichannel-sdk.iife.min.js"></script>
    <script src="/dist/omnichannel-sdk-ui.iife.min.js"></script>
  </head>
  <body>
    <div id="sessions"></div>
    <main><h1>Agent desk</h1><p>Focused session: <strong id="focused"></strong></p></main>
    <script src="/page.js"></script>
  </body>
</html>`,
  css: `body { margin: 0; height: 100vh; display: flex; font-family: system-ui, sans-serif; color: #242424; }
main { flex: 1; padding: 8px 24px; }
@media (max-width: 600px) { body { flex-direction: column; height: auto; } }`,
  js: `const omnichannel = OmnichannelSDK.createOmnichannel({ orgUrl: 'https://contoso.crm.dynamics.com', host: 'builtin' });
const workspace = omnichannel.workspace;
const showFocused = () => { document.getElementById('focused').textContent = workspace.focused.title; };
workspace.on('focused', showFocused);
showFocused();
window.workspace = workspace;
window.panel = OmnichannelUI.renderSessionPanel(document.getElementById('sessions'), workspace, { confirmClose: true });`,
};

/** The same page under a Content-Security-Policy that allows no inline script or style. */
const strictPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'";

let server: Server;
let origin: string;
let browser: Browser;
let context: BrowserContext | undefined;

function serve(): Promise<Server> {
  const files: Record<string, [string, string | Buffer]> = {
    '/page.css': ['text/css', page.css],
    '/page.js': ['text/javascript', page.js],
    '/dist/omnichannel-sdk.iife.min.js': ['text/javascript', readFileSync(join(root, 'dist/omnichannel-sdk.iife.min.js'))],
    '/dist/omnichannel-sdk-ui.iife.min.js': ['text/javascript', readFileSync(join(root, 'dist/omnichannel-sdk-ui.iife.min.js'))],
  };
  const httpServer = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const headers: Record<string, string> = path === '/strict' ? { 'Content-Security-Policy': strictPolicy } : {};
    if (path === '/' || path === '/strict') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(page.html);
    } else if (path === '/favicon.ico') {
      response.writeHead(204).end();
    } else if (files[path]) {
      response.writeHead(200, { 'Content-Type': files[path][0] }).end(files[path][1]);
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve(httpServer)));
}

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await serve();
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 60_000);

afterEach(async () => {
  await context?.close();
  context = undefined;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Opens the page at a size; page errors are collected for the test to check. */
async function open(size = desktop, path = '/'): Promise<{ tab: Page; errors: string[] }> {
  const mobile = size.width < 600;
  context = await browser.newContext({ viewport: size, isMobile: mobile, hasTouch: mobile });
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  tab.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await tab.goto(`${origin}${path}`);
  await tab.waitForSelector('[data-omnichannel-session-panel] li[data-session-id="home"]');
  return { tab, errors };
}

/** Fills the workspace as an agent's afternoon: four sessions, unread messages, an alert, a notification. */
async function seed(tab: Page): Promise<void> {
  await tab.evaluate(() => {
    const workspace = (window as any).workspace;
    const id = (n: number) => `6f1d8f36-0d7e-4a53-9a55-00000000000${n}`;
    workspace.open({ kind: 'conversation', conversationId: id(1), title: 'Kenny Smith' });
    workspace.open({ kind: 'conversation', conversationId: id(2) });
    workspace.open({ kind: 'case', recordId: 'c1a5e000-0000-4000-8000-000000000001', title: 'Refund for order 42' });
    workspace.open({ kind: 'conversation', conversationId: id(3), title: 'Alma Rossi', persistent: true });
    for (let n = 0; n < 3; n += 1) workspace.messageArrived(id(1), { text: `Message ${n}`, from: 'customer' });
    for (let n = 0; n < 12; n += 1) workspace.messageArrived(id(2), { text: `Message ${n}`, from: 'customer' });
    workspace.sentimentChanged(id(2), 7);
    workspace.notify({ conversationId: id(4), title: 'Megan Bowen', details: { Channel: 'Live chat', Queue: 'Billing', Waiting: '0:42' } });
  });
}

/** Opens `count` more conversations, the last one focused: more than a phone's strip shows at once. */
async function seedMany(tab: Page, count: number): Promise<void> {
  await tab.evaluate((count) => {
    const workspace = (window as any).workspace;
    for (let n = 1; n <= count; n += 1) {
      workspace.open({
        kind: 'conversation',
        conversationId: `6f1d8f36-0d7e-4a53-9a55-0000000001${String(n).padStart(2, '0')}`,
        title: `Customer ${n}`,
      });
    }
  }, count);
}

const panelSelector = '[data-omnichannel-session-panel]';
const row = (title: string) => `${panelSelector} li:has(> .session[aria-label^="${title}"])`;

/** Waits for the browser to paint twice: a scroll-driven style follows a scroll on the next frame. */
const nextFrames = (tab: Page) => tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const contains = (outer: Box, inner: Box) =>
  inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;

/**
 * Where a session's initials and its badge and alert mark are drawn. The initials' box is their
 * letters' ink, measured with the same font on a canvas: the span's own box is its line box, taller
 * than the letters. The badge and mark boxes include the ring (box-shadow spread) drawn around them.
 */
function iconParts(tab: Page, title: string) {
  return tab.$eval(row(title), (item) => {
    const box = ({ left, right, top, bottom }: DOMRect, grow = 0) => ({
      left: left - grow,
      right: right + grow,
      top: top - grow,
      bottom: bottom + grow,
    });
    const ringed = (element: Element) =>
      box(element.getBoundingClientRect(), parseFloat(getComputedStyle(element).boxShadow.split(' ').pop()!));
    const initials = item.querySelector('.initials')!;
    const style = getComputedStyle(initials);
    const line = initials.getBoundingClientRect();
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = style.font;
    const text = context.measureText(initials.textContent!);
    const baseline =
      line.top + (parseFloat(style.lineHeight) - text.fontBoundingBoxAscent - text.fontBoundingBoxDescent) / 2 + text.fontBoundingBoxAscent;
    const ink = {
      left: line.left - text.actualBoundingBoxLeft,
      right: line.left + text.actualBoundingBoxRight,
      top: baseline - text.actualBoundingBoxAscent,
      bottom: baseline + text.actualBoundingBoxDescent,
    };
    return { ink, badge: ringed(item.querySelector('.badge')!), mark: ringed(item.querySelector('.mark')!) };
  });
}

/** The focused session's row and the strip's box less the fade it shows at each edge. */
function focusedInStrip(tab: Page) {
  return tab.$eval(`${panelSelector} ul`, (list) => {
    const style = getComputedStyle(list);
    const strip = list.getBoundingClientRect();
    const current = list.querySelector('li.current')!.getBoundingClientRect();
    const clear = {
      left: strip.left + (parseFloat(style.getPropertyValue('--l')) || 0),
      right: strip.right - (parseFloat(style.getPropertyValue('--r')) || 0),
      top: strip.top,
      bottom: strip.bottom,
    };
    const plain = ({ left, right, top, bottom }: DOMRect) => ({ left, right, top, bottom });
    return { clear, current: plain(current), overflows: list.scrollWidth > list.clientWidth };
  });
}

/**
 * WCAG contrast of an element's text (or icon stroke) with what is painted behind it: the
 * backgrounds of it and its ancestors (through the shadow root) laid over white, and its colour
 * weakened by its opacity and its ancestors'.
 */
function contrastOf(tab: Page, selector: string): Promise<number> {
  return tab.$eval(selector, (element) => {
    // rgb() has no alpha: the 1 appended stands for it.
    const rgba = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number).concat([1]).slice(0, 4);
    const over = ([r, g, b, a]: number[], under: number[]) => [0, 1, 2].map((i) => [r, g, b][i]! * a! + under[i]! * (1 - a!));
    const chain: Element[] = [];
    for (let node: Element | null = element; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null))
      chain.push(node);
    let behind = [255, 255, 255];
    for (const node of [...chain].reverse()) behind = over(rgba(getComputedStyle(node).backgroundColor), behind);
    const opacity = chain.reduce((product, node) => product * Number(getComputedStyle(node).opacity), 1);
    const [r, g, b, a] = rgba(getComputedStyle(element).color);
    const ink = over([r!, g!, b!, a! * opacity], behind);
    const luminance = (rgb: number[]) =>
      rgb
        .map((value) => value / 255)
        .map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4))
        .reduce((sum, value, i) => sum + value * [0.2126, 0.7152, 0.0722][i]!, 0);
    const [light, dark] = [luminance(ink), luminance(behind)].sort((x, y) => y - x);
    return (light! + 0.05) / (dark! + 0.05);
  });
}

/** The element with keyboard focus inside the panel's shadow root, by its accessible name or text. */
function focusedName(tab: Page): Promise<string | null> {
  return tab.evaluate(() => {
    const active = document.querySelector('[data-omnichannel-session-panel]')!.shadowRoot!.activeElement;
    return active ? (active.getAttribute('aria-label') ?? active.textContent) : null;
  });
}

const focusedTitle = (tab: Page) => tab.evaluate(() => (window as any).workspace.focused.title as string);

describe('the session panel in Chromium', () => {
  it('renders the sessions, badges, alert and notification at desktop width', async () => {
    const { tab, errors } = await open();
    await seed(tab);
    const names = await tab.$$eval(`${panelSelector} .session`, (buttons) => buttons.map((button) => button.getAttribute('aria-label')));
    expect(names).toEqual([
      'Home',
      'Kenny Smith, 3 unread',
      'Visitor 1, 12 unread, needs urgent attention',
      'Refund for order 42',
      'Alma Rossi',
    ]);
    expect(await tab.textContent(`${row('Visitor 1')} .badge`)).toBe('10+');
    expect(await tab.isVisible(`${row('Visitor 1')} .mark`)).toBe(true);
    expect(await tab.getAttribute(`${row('Visitor 1')} .session`, 'title')).toBe(
      'Visitor 1. Urgent attention is needed in your conversation.',
    );
    expect(await tab.textContent(`${panelSelector} .note .who`)).toBe('Megan Bowen');
    await tab.screenshot({ path: join(artifacts, 'panel-desktop.png') });
    expect(errors).toEqual([]);
  });

  it('focuses a session on click', async () => {
    const { tab } = await open();
    await seed(tab);
    await tab.click(`${row('Kenny Smith')} .session`);
    expect(await focusedTitle(tab)).toBe('Kenny Smith');
    expect(await tab.getAttribute(`${row('Kenny Smith')} .session`, 'aria-current')).toBe('true');
    expect(await tab.isVisible(`${row('Kenny Smith')} .badge`)).toBe(false);
  });

  it('is reached by Tab, moved through by arrow keys, and focuses with Enter and Space, with a visible focus ring', async () => {
    const { tab } = await open();
    await seed(tab);
    await tab.locator('body').click({ position: { x: 900, y: 700 } });
    await tab.keyboard.press('Tab'); // the collapse toggle
    await tab.keyboard.press('Tab'); // the focused session: the list's one Tab stop
    expect(await focusedName(tab)).toBe('Alma Rossi');
    await tab.keyboard.press('ArrowUp');
    expect(await focusedName(tab)).toBe('Refund for order 42');
    await tab.keyboard.press('Enter');
    expect(await focusedTitle(tab)).toBe('Refund for order 42');
    await tab.keyboard.press('ArrowUp');
    await tab.keyboard.press(' ');
    expect(await focusedTitle(tab)).toBe('Visitor 1');
    // The ring goes around the session's whole row, its buttons included.
    const outline = await tab.evaluate(() => {
      const active = document.querySelector('[data-omnichannel-session-panel]')!.shadowRoot!.activeElement!;
      const style = getComputedStyle(active.closest('li')!);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
    expect(outline).toBe('solid 2px');
    await tab.screenshot({ path: join(artifacts, 'panel-keyboard.png') });
  });

  it.each([
    ['desktop', desktop],
    ['phone', phone],
  ])('keeps the initials clear of a 10+ badge and the alert mark at %s width', async (_name, size) => {
    const { tab } = await open(size);
    await seed(tab);
    const { ink, badge, mark } = await iconParts(tab, 'Visitor 1');
    expect(await tab.textContent(`${row('Visitor 1')} .badge`)).toBe('10+');
    expect(overlaps(badge, ink)).toBe(false);
    expect(overlaps(mark, ink)).toBe(false);
  });

  it('rings the whole focused row for the keyboard, its End and Close on the row’s own background', async () => {
    const { tab } = await open();
    await seed(tab);
    await tab.locator('body').click({ position: { x: 900, y: 700 } });
    await tab.keyboard.press('Tab');
    await tab.keyboard.press('Tab');
    expect(await focusedName(tab)).toBe('Alma Rossi');
    const look = await tab.$eval(row('Alma Rossi'), (item) => {
      const style = (selector: string) => getComputedStyle(item.querySelector(selector)!);
      const plain = (element: Element) => {
        const { left, right, top, bottom } = element.getBoundingClientRect();
        return { left, right, top, bottom };
      };
      return {
        row: plain(item),
        ring: `${getComputedStyle(item).outlineStyle} ${getComputedStyle(item).outlineWidth}`,
        buttonRing: style('.session').outlineStyle,
        actions: [plain(item.querySelector('.end')!), plain(item.querySelector('.close')!)],
        backgrounds: ['.session', '.end', '.close'].map((selector) => style(selector).backgroundColor),
      };
    });
    expect(look.ring).toBe('solid 2px');
    // One ring: none around the session button alone, which would cut the row in two.
    expect(look.buttonRing).toBe('none');
    for (const action of look.actions) expect(contains(look.row, action)).toBe(true);
    expect(look.backgrounds).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
    expect(await contrastOf(tab, `${row('Alma Rossi')} .close svg`)).toBeGreaterThanOrEqual(4.5);
    await tab.keyboard.press('Tab'); // End
    await tab.keyboard.press('Tab'); // Close: its own ring, and the row's is gone
    expect(await focusedName(tab)).toBe('Close Alma Rossi');
    expect(await tab.$eval(`${row('Alma Rossi')} .close`, (close) => getComputedStyle(close).outlineStyle)).toBe('solid');
    expect(await tab.$eval(row('Alma Rossi'), (item) => getComputedStyle(item).outlineStyle)).toBe('none');
    expect(await contrastOf(tab, `${row('Alma Rossi')} .close svg`)).toBeGreaterThanOrEqual(4.5);
    await tab.screenshot({ path: join(artifacts, 'panel-keyboard-close.png') });
  });

  it('closes a session after the confirmation dialog', async () => {
    const { tab } = await open();
    await seed(tab);
    await tab.click(`${row('Kenny Smith')} .close`);
    await tab.waitForSelector(`${panelSelector} [role=alertdialog]`, { state: 'visible' });
    expect(await tab.textContent(`${panelSelector} [role=alertdialog] p`)).toBe('Close the session of Kenny Smith?');
    await tab.screenshot({ path: join(artifacts, 'panel-confirm.png') });
    await tab.keyboard.press('Tab'); // from Cancel to Close session
    await tab.keyboard.press('Enter');
    await tab.waitForSelector(row('Kenny Smith'), { state: 'detached' });
    expect(await tab.isVisible(`${panelSelector} [role=alertdialog]`)).toBe(false);
  });

  it('ends a persistent chat from its End button', async () => {
    const { tab } = await open();
    await seed(tab);
    const closed = tab.evaluate(
      () => new Promise((resolve) => (window as any).workspace.on('closed', ({ outcome }: { outcome: string }) => resolve(outcome))),
    );
    await tab.click(`${row('Alma Rossi')} .end`);
    await tab.click(`${panelSelector} .confirm`);
    expect(await closed).toBe('ended');
  });

  it('collapses to icons and expands again', async () => {
    const { tab } = await open();
    await seed(tab);
    await tab.click(`${panelSelector} .toggle`);
    expect(await tab.getAttribute(panelSelector, 'data-mode')).toBe('collapsed');
    expect((await tab.locator(`${panelSelector} nav`).boundingBox())!.width).toBe(64);
    expect(await tab.isVisible(`${row('Kenny Smith')} .title`)).toBe(false);
    expect(await tab.isVisible(`${row('Kenny Smith')} .badge`)).toBe(true);
    await tab.screenshot({ path: join(artifacts, 'panel-collapsed.png') });
    await tab.click(`${panelSelector} .toggle`);
    expect(await tab.evaluate(() => (window as any).workspace.panel)).toBe('expanded');
    expect(await tab.isVisible(`${row('Kenny Smith')} .title`)).toBe(true);
  });

  it('accepts a notification: its session opens, focused, and takes the keyboard focus', async () => {
    const { tab } = await open();
    await seed(tab);
    await tab.focus(`${panelSelector} .note .accept`);
    await tab.keyboard.press('Enter');
    await tab.waitForSelector(row('Megan Bowen'));
    expect(await focusedTitle(tab)).toBe('Megan Bowen');
    expect(await focusedName(tab)).toBe('Megan Bowen');
    expect(await tab.$$(`${panelSelector} .note`)).toHaveLength(0);
  });

  it('rejects a notification', async () => {
    const { tab } = await open();
    await seed(tab);
    await tab.click(`${panelSelector} .note .reject`);
    await tab.waitForSelector(`${panelSelector} .note`, { state: 'detached' });
    expect(await tab.evaluate(() => (window as any).workspace.notifications.length)).toBe(0);
    expect(await tab.$$(row('Megan Bowen'))).toHaveLength(0);
  });

  it('shows hostile titles and details as text and runs none of their script', async () => {
    const { tab, errors } = await open();
    await tab.evaluate(() => {
      const workspace = (window as any).workspace;
      workspace.open({
        kind: 'conversation',
        conversationId: '6f1d8f36-0d7e-4a53-9a55-0000000000e1',
        title: '<img src=x onerror="window.__pwned=1">',
      });
      workspace.notify({
        conversationId: '6f1d8f36-0d7e-4a53-9a55-0000000000e2',
        title: '<img src=y onerror="window.__pwned=2">',
        details: { '<b>Channel</b>': '<script>window.__pwned=3</script><svg onload="window.__pwned=4">' },
      });
    });
    await tab.click(`${panelSelector} .close`);
    // A control image that fails to load like the hostile ones would: once its handler ran,
    // theirs would have too, had any of them become an element.
    await tab.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const control = new Image();
          control.onerror = () => resolve();
          control.src = '/missing-control-image';
        }),
    );
    expect(await tab.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await tab.$$(`${panelSelector} img, ${panelSelector} script, ${panelSelector} b`)).toHaveLength(0);
    expect(await tab.textContent(`${panelSelector} li:last-child .title`)).toBe('<img src=x onerror="window.__pwned=1">');
    expect(await tab.textContent(`${panelSelector} .note dd`)).toBe('<script>window.__pwned=3</script><svg onload="window.__pwned=4">');
    expect(await tab.textContent(`${panelSelector} [role=alertdialog] p`)).toBe(
      'Close the session of <img src=x onerror="window.__pwned=1">?',
    );
    await tab.screenshot({ path: join(artifacts, 'panel-hostile.png') });
    expect(errors.filter((error) => !error.includes('404'))).toEqual([]);
  });

  it('lays out as a strip across the top at phone width', async () => {
    const { tab, errors } = await open(phone);
    await seed(tab);
    expect(await tab.getAttribute(panelSelector, 'data-layout')).toBe('narrow');
    const nav = (await tab.locator(`${panelSelector} nav`).boundingBox())!;
    expect(nav.width).toBe(phone.width);
    expect(nav.height).toBeLessThan(phone.height / 2);
    const [first, second] = await tab.$$eval(`${panelSelector} li`, (items) =>
      items.slice(0, 2).map((item) => item.getBoundingClientRect().top),
    );
    expect(first).toBe(second);
    // The focused session shows its title and buttons; the others show their icons.
    expect(await tab.isVisible(`${row('Alma Rossi')} .title`)).toBe(true);
    expect(await tab.isVisible(`${row('Alma Rossi')} .close`)).toBe(true);
    expect(await tab.isVisible(`${row('Kenny Smith')} .title`)).toBe(false);
    expect((await tab.locator(`${panelSelector} ul`).boundingBox())!.width).toBeLessThanOrEqual(phone.width);
    await tab.screenshot({ path: join(artifacts, 'panel-phone.png') });
    await tab.click(`${panelSelector} .toggle`);
    await tab.screenshot({ path: join(artifacts, 'panel-phone-collapsed.png') });
    expect(errors).toEqual([]);
  });

  it('fades the phone strip’s overflowing edge, and only while it overflows', async () => {
    const { tab, errors } = await open(phone);
    const strip = () =>
      tab.$eval(`${panelSelector} ul`, (list) => ({
        overflows: list.scrollWidth > list.clientWidth,
        mask: getComputedStyle(list).maskImage,
        start: getComputedStyle(list).getPropertyValue('--l'),
        end: getComputedStyle(list).getPropertyValue('--r'),
      }));
    expect(await strip()).toEqual({ overflows: false, mask: 'none', start: '', end: '' });
    await seedMany(tab, 9);
    await nextFrames(tab);
    // Scrolled to the focused session, the last: more sessions lie before it, none after.
    const end = await strip();
    expect(end.overflows).toBe(true);
    expect(end.mask).toContain('linear-gradient');
    expect([parseFloat(end.start) > 0, parseFloat(end.end) > 0]).toEqual([true, false]);
    await tab.screenshot({ path: join(artifacts, 'panel-phone-many.png') });
    await tab.$eval(`${panelSelector} ul`, (list) => list.scrollTo({ left: 0, behavior: 'instant' }));
    await nextFrames(tab);
    const start = await strip();
    expect([parseFloat(start.start) > 0, parseFloat(start.end) > 0]).toEqual([false, true]);
    await tab.screenshot({ path: join(artifacts, 'panel-phone-many-start.png') });
    await tab.$eval(`${panelSelector} ul`, (list) => list.scrollTo({ left: 100, behavior: 'instant' }));
    await nextFrames(tab);
    const middle = await strip();
    expect([parseFloat(middle.start) > 0, parseFloat(middle.end) > 0]).toEqual([true, true]);
    expect(errors).toEqual([]);
  });

  it('scrolls the phone strip to each session it focuses, clear of the fade', async () => {
    const { tab } = await open(phone);
    await seedMany(tab, 9);
    const ids = await tab.evaluate(() => (window as any).workspace.sessions.map((session: { id: string }) => session.id) as string[]);
    for (const id of [ids[4]!, ids[0]!, ids[6]!, ids[1]!, ids[9]!, ids[5]!]) {
      await tab.evaluate((id) => (window as any).workspace.focus(id), id);
      await nextFrames(tab);
      const { clear, current, overflows } = await focusedInStrip(tab);
      expect(overflows).toBe(true);
      expect(contains(clear, current)).toBe(true);
    }
  });

  it('scrolls the strip to the focused session when the page narrows to a phone', async () => {
    const { tab } = await open(desktop);
    await seedMany(tab, 9);
    await tab.setViewportSize(phone);
    await tab.waitForSelector(`${panelSelector}[data-layout=narrow]`);
    await nextFrames(tab);
    const { clear, current } = await focusedInStrip(tab);
    expect(contains(clear, current)).toBe(true);
  });

  it('scrolls the strip to the focused session when the panel expands, which widens it', async () => {
    const { tab } = await open(phone);
    await seedMany(tab, 9);
    await tab.click(`${panelSelector} .toggle`);
    await tab.$eval(`${panelSelector} ul`, (list) => list.scrollTo({ left: 0, behavior: 'instant' }));
    await tab.click(`${panelSelector} .toggle`);
    await nextFrames(tab);
    const { clear, current } = await focusedInStrip(tab);
    expect(contains(clear, current)).toBe(true);
  });

  it('keeps its styles under a Content-Security-Policy that forbids inline styles', async () => {
    const { tab, errors } = await open(desktop, '/strict');
    const width = await tab.evaluate(() => {
      const nav = document.querySelector('[data-omnichannel-session-panel]')!.shadowRoot!.querySelector('nav')!;
      return getComputedStyle(nav).width;
    });
    expect(width).toBe('240px');
    expect(errors).toEqual([]);
  });

  it('defines its own global beside the SDK’s, sharing the one SDK', async () => {
    const { tab } = await open();
    const globals = await tab.evaluate(() => ({
      sdk: typeof (window as any).OmnichannelSDK?.createOmnichannel,
      ui: Object.keys((window as any).OmnichannelUI).sort(),
    }));
    expect(globals).toEqual({ sdk: 'function', ui: ['defaultSessionPanelLabels', 'renderSessionPanel'] });
  });
});
