// @vitest-environment node
// The agent desk in real Chromium: `npm start`'s server (its simulated contact centre stepped by
// the test through the server's stdin, seed 1: the same run every time), the page loading the full
// script-tag bundle and the session panel's, the agent's clicks and keys, at desktop and phone
// width. No fixed sleeps: every step waits for what it expects. Screenshots go to
// test/e2e/artifacts/ (kept by CI) for a person to look at.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgEmulator } from '../../src/testing/index.js';
import type { SimulationEvent } from '../../src/testing/simulation/simulation.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = join(root, 'test/e2e/artifacts');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const panel = '[data-omnichannel-session-panel]';
/** The seed is deterministic: the server's org has the same ids. */
const seed = createOrgEmulator().seedData!;
const sidney = seed.activeConversationId;

let demo: ChildProcess;
let url: string;
let browser: Browser;
/** What the test is waiting for from the server's stdout: the next `Step <n>: …` line. */
let stepWaiter: ((events: SimulationEvent[]) => void) | undefined;
/** The sentiment label of each simulated conversation, as the steps moved it. */
const labels = new Map<string, number>();

beforeAll(async () => {
  if (!existsSync(chromiumPath))
    throw new Error(`Chromium is missing at ${chromiumPath}: run \`npm test\` (its pretest installs it) or set CHROMIUM_PATH.`);
  mkdirSync(artifacts, { recursive: true });
  // The contact centre moves only when the test says `step`, and nobody leaves. The suite's global setup built dist/ already.
  demo = spawn(
    process.execPath,
    [join(root, 'scripts/start.mjs'), '--port', '0', '--manual-steps', '--seed', '1', '--leave-rate', '0', '--no-build'],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  url = await new Promise<string>((resolve, reject) => {
    let output = '';
    let pending = '';
    demo.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const match = /^Demo: (http:\/\/\S+?)\/?$/.exec(line.trim());
        if (match) resolve(match[1]!);
        const step = /^Step \d+: (.*)$/.exec(line);
        if (step && stepWaiter) stepWaiter(JSON.parse(step[1]!) as SimulationEvent[]);
      }
    });
    demo.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
  });
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

afterAll(async () => {
  await browser?.close();
  demo?.kill('SIGTERM');
});

/** Advances the simulated contact centre one step; resolves what happened. */
function step(): Promise<SimulationEvent[]> {
  return new Promise((resolve) => {
    stepWaiter = (events) => {
      stepWaiter = undefined;
      for (const event of events) {
        if (event.type === 'arrived') labels.set(event.conversationId, 10);
        if (event.type === 'sentiment') labels.set(event.conversationId, event.label);
      }
      resolve(events);
    };
    demo.stdin!.write('step\n');
  });
}

/** Steps until one step's events satisfy `done`; returns that step's events. */
async function stepUntil(done: (events: SimulationEvent[]) => boolean, limit = 400): Promise<SimulationEvent[]> {
  for (let count = 0; count < limit; count++) {
    const events = await step();
    if (done(events)) return events;
  }
  throw new Error(`The simulation did not get there in ${limit} steps`);
}

/** Opens the desk with fast polling, collecting console errors and uncaught exceptions. */
async function openDesk(viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    // Chromium reports every 4xx answer as a console error; the throttling the test asks for is expected.
    if (message.type() === 'error' && !/status of 429/.test(message.text())) errors.push(message.text());
  });
  await page.goto(`${url}/?poll=1000&chat=300`);
  await page.waitForSelector('#home:not([hidden])');
  await page.waitForSelector(`${panel} li[data-session-id="session-2"]`);
  return { context, page, errors };
}

function shoot(page: Page, name: string, fullPage = false) {
  return page.screenshot({ path: join(artifacts, `${name}.png`), fullPage });
}

/** The panel row of the session showing a conversation. */
async function rowOf(page: Page, conversationId: string): Promise<string> {
  const id = await page.evaluate(
    (conversation) => (window as any).demo.omnichannel.workspace.sessionOf(conversation)?.id as string | undefined,
    conversationId,
  );
  expect(id).toBeDefined();
  return `${panel} li[data-session-id="${id}"]`;
}

async function postCustomerMessage(conversationId: string, text: string) {
  const response = await fetch(`${url}/api/data/v9.2/$emulator/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ conversationId, text, from: 'customer' }),
  });
  expect(response.status).toBe(201);
}

async function readConversation(conversationId: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/api/data/v9.2/msdyn_ocliveworkitems(${conversationId})?$select=_msdyn_issueid_value`, {
    headers: { Accept: 'application/json' },
  });
  return (await response.json()) as Record<string, unknown>;
}

/** Text that would run script if a view parsed it as HTML: each piece sets window.__pwned. */
const hostile = `<img src=x onerror="window.__pwned='img'"><script>window.__pwned='script'</script><b>bold?</b>`;

/** Puts `hostile` into the first message of a conversation's stored transcript, through the Web API. */
async function plantInTranscript(conversationId: string) {
  const api = `${url}/api/data/v9.2`;
  const read = async (path: string) => (await (await fetch(`${api}/${path}`, { headers: { Accept: 'application/json' } })).json()) as any;
  const [transcript] = (
    await read(`msdyn_transcripts?$select=msdyn_transcriptid&$filter=_msdyn_liveworkitemidid_value eq ${conversationId}`)
  ).value;
  const [note] = (await read(`annotations?$select=annotationid,documentbody&$filter=_objectid_value eq ${transcript.msdyn_transcriptid}`))
    .value;
  const stored = JSON.parse(Buffer.from(note.documentbody, 'base64').toString('utf8'));
  // The first message a customer or agent wrote, whichever of the stored shapes wraps it.
  const first = (value: any): any =>
    Array.isArray(value)
      ? value.map(first).find(Boolean)
      : value && typeof value === 'object'
        ? typeof value.content === 'string' && value.from
          ? value
          : Object.values(value).map(first).find(Boolean)
        : undefined;
  first(stored).content = hostile;
  const patched = await fetch(`${api}/annotations(${note.annotationid})`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ documentbody: Buffer.from(JSON.stringify(stored), 'utf8').toString('base64') }),
  });
  expect(patched.status).toBe(204);
}

/**
 * The agent's walk, the same at each width: accept a chat, watch its sentiment alert come on
 * from Home, see another session's badge count up, link a case, send and read the customer's
 * answer, let the customization act through Microsoft.Omnichannel, show hostile text as text,
 * and throttle requests to watch the retries.
 */
function walk(name: 'desktop' | 'phone', viewport: { width: number; height: number }, state: { page?: Page; errors?: string[] }) {
  let accepted: string;
  const page = () => state.page!;

  it('accepts an incoming chat and shows its conversation, opening line included', async () => {
    const offered = () => page().$$(`${panel} .note .accept`);
    // A chat waits already, or the contact centre sends one.
    if ((await offered()).length === 0) {
      await stepUntil((events) => events.some((event) => event.type === 'arrived'));
      await page().waitForSelector(`${panel} .note .accept`);
    }
    const offeredId = await page().evaluate(() => (window as any).demo.omnichannel.workspace.notifications[0].conversationId as string);
    await page().click(`${panel} .note .accept`);
    await page().waitForSelector('#conversation:not([hidden])');
    accepted = await page().evaluate(() => (window as any).demo.omnichannel.workspace.focused.conversationId as string);
    expect(accepted).toBe(offeredId);
    expect(await page().textContent('#conversation-title')).toBe(await page().textContent(`${panel} li.current .title`));
    await page().waitForSelector('#thread li.message.customer');
    await page().waitForFunction(() => document.querySelector('#linked-case')?.textContent === 'None');
    expect(await page().evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
  });

  it('raises the sentiment alert, with its tooltip, when the customer’s mood drops while the agent is elsewhere', async () => {
    await page().click(`${panel} li[data-session-id="home"] .session`);
    await page().waitForSelector('#home:not([hidden])');
    const row = await rowOf(page(), accepted);
    expect(await page().isHidden(`${row} .mark`)).toBe(true);
    // The accepted chat starts Neutral; a waiting customer's mood drifts down to Slightly negative.
    await stepUntil(() => (labels.get(accepted) ?? 10) <= 9);
    await page().waitForSelector(`${row} .mark:not([hidden])`);
    expect(await page().getAttribute(`${row} .session`, 'aria-label')).toMatch(/needs urgent attention/);
    expect(await page().getAttribute(`${row} .session`, 'title')).toMatch(/\. Urgent attention is needed in your conversation\.$/);
    await shoot(page(), `demo-${name}-alert`);
    // Focusing the session clears the alert.
    await page().click(`${row} .session`);
    await page().waitForSelector('#conversation:not([hidden])');
    await page().waitForSelector(`${row} .mark[hidden]`, { state: 'attached' });
  });

  it('counts unread messages up on a session while another is focused', async () => {
    const row = await rowOf(page(), sidney);
    const unread = () =>
      page().$eval(`${row} .badge`, (badge) => (badge.hasAttribute('hidden') ? 0 : Number.parseInt(badge.textContent!, 10)));
    // Clear Sidney's count first (focus it), then come back to the accepted chat.
    await page().click(`${row} .session`);
    await page().waitForSelector(`${row} .badge[hidden]`, { state: 'attached' });
    await page().click(`${await rowOf(page(), accepted)} .session`);
    await page().waitForSelector('#conversation:not([hidden])');
    await postCustomerMessage(sidney, 'Are you there?');
    await expect.poll(unread, { timeout: 15_000 }).toBe(1);
    await postCustomerMessage(sidney, 'Hello?');
    await expect.poll(unread, { timeout: 15_000 }).toBe(2);
    expect(await page().getAttribute(`${row} .session`, 'aria-label')).toMatch(/^Sidney Higa, 2 unread/);
    expect(await page().getAttribute(`${row} .session`, 'title')).toBe('Sidney Higa. 2 new updates in your conversation.');
  });

  it('links a case to the focused conversation', async () => {
    await page().selectOption('#case-select', seed.incidents[1]!.id);
    await page().click('#link-case button[type=submit]');
    await page().waitForFunction(() => document.querySelector('#linked-case')?.textContent?.includes('Portal sign-in fails'));
    expect(await page().textContent('#links-status')).toMatch(/^Linked CAS-\S+ · Portal sign-in fails\./);
    expect((await readConversation(accepted))._msdyn_issueid_value).toBe(seed.incidents[1]!.id);
    expect(await page().textContent('#telemetry-list')).toContain('linkToConversation');
  });

  it('keeps the draft with its session, sends it, and shows the customer’s answer', async () => {
    await page().fill('#send-box', 'Your case is linked <i>now</i>.');
    await page().click(`${panel} li[data-session-id="home"] .session`);
    await page().waitForSelector('#home:not([hidden])');
    await page().click(`${await rowOf(page(), accepted)} .session`);
    await page().waitForSelector('#conversation:not([hidden])');
    expect(await page().inputValue('#send-box')).toBe('Your case is linked <i>now</i>.');
    await page().press('#send-box', 'Enter');
    await page().waitForSelector('#thread li.message.agent');
    expect(await page().inputValue('#send-box')).toBe('');
    expect(await page().textContent('#thread li.message.agent p')).toBe('Your case is linked <i>now</i>.');
    // The customer answers the agent at the next step.
    const events = await stepUntil((happened) => happened.some((event) => event.type === 'message' && event.conversationId === accepted));
    const answer = events.find((event) => event.type === 'message' && event.conversationId === accepted) as { text: string };
    await page().waitForFunction((text) => {
      const items = [...document.querySelectorAll('#thread li.message')];
      const sent = items.findIndex((item) => item.classList.contains('agent'));
      return items.slice(sent + 1).some((item) => item.classList.contains('customer') && item.querySelector('p')?.textContent === text);
    }, answer.text);
    await shoot(page(), `demo-${name}-conversation`, name === 'phone');
  });

  it('runs the customization: a <script> tag calling sendMessageToConversation through the global install() defined', async () => {
    // customization.js knows only window.Microsoft.Omnichannel, which OmnichannelSDK.install() defined.
    expect(await page().evaluate(() => [...document.scripts].some((script) => script.src.endsWith('/customization.js')))).toBe(true);
    expect(await page().evaluate(() => Object.keys((window as any).Microsoft.Omnichannel).sort())).toEqual([
      'getConversationId',
      'getConversations',
      'linkToConversation',
      'openConversation',
      'sendMessageToConversation',
      'unlinkFromConversation',
    ]);
    await page().click('#followup-find');
    await page().waitForFunction(
      (id) => [...document.querySelectorAll('#followup-conversation option')].some((o) => (o as HTMLOptionElement).value === id),
      accepted,
    );
    await page().selectOption('#followup-conversation', accepted);
    await page().selectOption('#followup-case', seed.incidents[3]!.id);
    await page().click('#followup-link');
    await page().waitForFunction(() => document.querySelector('#followup-status')?.textContent?.includes('told the customer'));
    expect((await readConversation(accepted))._msdyn_issueid_value).toBe(seed.incidents[3]!.id);
    // The desk shows the case the customization linked.
    const linkedCase = (await page().textContent('#followup-case option:checked'))!;
    await page().waitForFunction((text) => document.querySelector('#linked-case')?.textContent === text, linkedCase);
    // The message went through the same chat channel: it shows in the conversation, and the customer answers it.
    await page().waitForFunction(() =>
      [...document.querySelectorAll('#thread li.agent p')].some((p) => p.textContent!.startsWith('I have linked your case CAS-')),
    );
    await page().locator('#customizations').scrollIntoViewIfNeeded();
    await shoot(page(), `demo-${name}-customization`);
  });

  it('shows conversation text holding HTML and script as text, and runs none of it', async () => {
    await postCustomerMessage(accepted, hostile);
    await page().waitForFunction(
      (text) => [...document.querySelectorAll('#thread li.customer p')].some((p) => p.textContent === text),
      hostile,
    );
    // A title with markup too: the Home list and the history picker show it as text.
    const patched = await fetch(`${url}/api/data/v9.2/msdyn_ocliveworkitems(${accepted})`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ msdyn_title: hostile }),
    });
    expect(patched.ok).toBe(true);
    await page().click(`${panel} li[data-session-id="home"] .session`);
    await page().waitForFunction(
      (text) => [...document.querySelectorAll('#conversations td')].some((td) => td.textContent === text),
      hostile,
    );
    expect(await page().$$('#main img, #main b, #main script:not([src]), #sessions img')).toHaveLength(0);
    expect(await page().evaluate(() => (window as any).__pwned)).toBeUndefined();
  });

  it('retries a throttled request and shows each retry, numbered, with every field, in the log', async () => {
    if ((await page().getAttribute('#telemetry-toggle', 'aria-expanded')) === 'false') await page().click('#telemetry-toggle');
    await page().click('#throttle');
    const retry = await page().waitForSelector('#telemetry-list li.retry', { timeout: 15_000 });
    const fields = await retry.$$eval('dt', (names) => names.map((name) => name.textContent));
    expect(fields).toEqual(
      expect.arrayContaining([
        'method',
        'url',
        'status',
        'attempt',
        'durationMs',
        'delayMs',
        'errorCode',
        'correlationId',
        'clientRequestId',
      ]),
    );
    const text = await retry.textContent();
    expect(text).toContain('429');
    expect(text).toContain('Throttled');
    expect(text).toContain('2000');
    await page().waitForFunction(() => document.querySelectorAll('#telemetry-list li.retry').length >= 3, undefined, { timeout: 15_000 });
    const numbers = await page().$$eval('#telemetry-list li', (items) => items.map((item) => (item as HTMLLIElement).value));
    expect(numbers[0]).toBe(Number((await page().textContent('#telemetry-count'))!.split(' ')[0]));
    numbers.forEach((number, index) => expect(number).toBe(numbers[0]! - index));
    // No field is blank.
    expect(await page().$$eval('#telemetry-list dd', (values) => values.filter((value) => value.textContent!.trim() === '').length)).toBe(
      0,
    );
    expect(await page().evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    if (name === 'phone') await page().locator('#telemetry-list li.retry').first().scrollIntoViewIfNeeded();
    await shoot(page(), `demo-${name}-throttled`);
    if (name === 'phone') await page().click('#telemetry-toggle');
    expect(state.errors).toEqual([]);
  });
}

describe('the agent desk at desktop width', { timeout: 30_000 }, () => {
  const state: { page?: Page; errors?: string[] } = {};
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ context, page, errors } = await openDesk(desktop));
    Object.assign(state, { page, errors });
  }, 30_000);
  afterAll(() => context?.close());

  it('loads with the agent’s open sessions, conversations and Microsoft.Omnichannel, and no console errors', async () => {
    const titles = await page.$$eval(`${panel} .session .title`, (spans) => spans.map((span) => span.textContent));
    expect(titles[0]).toBe('Home');
    expect(titles.slice(1).sort()).toEqual(['Rene Valdes', 'Sidney Higa']);
    // The default filter, Active and Waiting: the seed gives the agent two of each.
    await page.waitForFunction(() => document.querySelector('#list-status')?.textContent === '4 conversations');
    expect(await page.$$eval('#conversations tbody tr', (rows) => rows.length)).toBe(4);
    await page.waitForSelector('#followup-find');
    expect(errors).toEqual([]);
    await shoot(page, 'demo-desktop-home');
  });

  walk('desktop', desktop, state);

  it('lists conversations with every status, a singular count, an empty state, and no old rows under an error', async () => {
    await page.click(`${panel} li[data-session-id="home"] .session`);
    await page.waitForFunction(() => document.querySelector('#list-status')?.textContent?.endsWith('conversations'));
    const labels = await page.$$eval('#filters .statuses label', (items) => items.map((item) => item.textContent!.trim()));
    expect(labels).toEqual(['Open', 'Active', 'Waiting', 'Wrap-up', 'Closed', 'Resolved', 'Scheduled']);
    const only = async (statuses: string[]) => {
      for (const box of await page.$$('#filters input[name=status]'))
        await box.setChecked(statuses.includes((await box.getAttribute('value'))!));
    };
    await only(['5']);
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#list-status')?.textContent === '1 conversation');
    expect(await page.$$eval('#conversations tbody tr', (rows) => rows.length)).toBe(1);

    await only(['7']);
    await page.click('#filters button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#list-status')?.textContent?.startsWith('No conversations match'));
    expect(await page.$$('#conversations tr')).toHaveLength(0);

    await only(['2', '3']);
    await page.click('#filters button[type=submit]');
    await page.waitForSelector('#conversations tbody tr');
    await page.fill('#filters input[name=days]', '-1');
    await page.click('#filters button[type=submit]');
    await page.waitForSelector('#list-status.error');
    expect(await page.textContent('#list-status')).toMatch(/^InvalidInput: input\.createdBeforeDays must be a whole number/);
    expect(await page.$$('#conversations tr')).toHaveLength(0);
    const rejected = await page.textContent('#telemetry-list li.rejected');
    expect(rejected).toContain('getConversations');
    expect(rejected).toContain('input.createdBeforeDays');
    await page.fill('#filters input[name=days]', '');
  });

  it('shows a conversation’s story as a timeline, its transcript and its files, downloadable', async () => {
    await page.click('.views a[href="#history"]');
    await page.waitForSelector('#history-select option', { state: 'attached' });
    await page.evaluate((id) => (location.hash = `#history/${id}`), seed.transferredConversationId);
    await page.waitForSelector('#story .timeline li.transfer');
    expect(await page.textContent('#story')).toMatch(/Transferred from /);
    await shoot(page, 'demo-desktop-history');
    await plantInTranscript(seed.conversationWithTranscriptId);
    await page.selectOption('#history-select', seed.conversationWithTranscriptId);
    await page.click('#history-pick button[type=submit]');
    await page.waitForSelector('#files tbody tr');
    await page.waitForSelector('#transcript li.message');
    // Transcript content with markup is shown as text, and none of its script runs.
    expect(await page.textContent('#transcript')).toContain(hostile);
    expect(await page.$$('#transcript img, #transcript b, #transcript script')).toHaveLength(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#files tbody tr button')]);
    expect(download.suggestedFilename()).toBe('invoice-1042.pdf');
    await page.locator('#transcript-title').scrollIntoViewIfNeeded();
    await shoot(page, 'demo-desktop-transcript');
  });

  it('draws the storage report and the bot outcomes as charts, and cancels an export', async () => {
    await page.click('.views a[href="#org"]');
    await page.waitForSelector('#storage-chart svg rect.s-attachments');
    await page.waitForSelector('#bots-chart svg rect');
    await page.waitForSelector('#csat-chart svg rect');
    expect(await page.getAttribute('#storage-chart svg', 'aria-label')).toMatch(/^Bytes stored by month\. /);
    await shoot(page, 'demo-desktop-org');
    // The bot outcomes' card at the top of the view (the views scroll in <main>).
    await page.$eval('#bots-title', (title) => title.closest('.card')!.scrollIntoView({ block: 'start' }));
    await shoot(page, 'demo-desktop-org-bots');
    // Throttled, the export waits 2 s before each new attempt of its first request: Cancel stops it there.
    const fault = await fetch(`${url}/api/data/v9.2/$emulator/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fault: { kind: 'throttle', retryAfter: 2 }, times: 3, url: 'aggregate($count as total)' }),
    });
    expect(fault.status).toBe(201);
    await page.click('#export-form button[type=submit]');
    await page.waitForSelector('#telemetry-list li.retry >> text=records.exportTranscripts');
    await page.click('#export-cancel');
    await page.waitForFunction(() => document.querySelector('#export-status')?.textContent?.startsWith('Cancelled'));
  });

  it('plans retention as a table and a chart, applies it with progress, and reports', async () => {
    await page.click('.views a[href="#retention"]');
    await page.click('#plan-form button[type=submit]');
    await page.waitForSelector('#plan-table tbody tr');
    await page.waitForSelector('#plan-chart svg rect.s-transcripts');
    expect(await page.isDisabled('#apply')).toBe(true);
    await shoot(page, 'demo-desktop-retention-plan');
    await page.check('#apply-confirm');
    await page.click('#apply');
    await page.waitForFunction(() => document.querySelector('#apply-status')?.textContent?.startsWith('Done:'), undefined, {
      timeout: 20_000,
    });
    expect(await page.getAttribute('#apply-progress', 'value')).toBe(await page.getAttribute('#apply-progress', 'max'));
    await shoot(page, 'demo-desktop-retention-applied');
    expect(errors).toEqual([]);
  });
});

describe('the agent desk at phone width', { timeout: 30_000 }, () => {
  const state: { page?: Page; errors?: string[] } = {};
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    ({ context, page, errors } = await openDesk(phone));
    Object.assign(state, { page, errors });
  }, 30_000);
  afterAll(() => context?.close());

  it('fits the list in the width, as cards, and keeps the log collapsed', async () => {
    await page.waitForSelector('#conversations tbody tr');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    const cell = (await page.locator('#conversations tbody tr td').first().boundingBox())!;
    expect(cell.width).toBeGreaterThan(300);
    expect(await page.getAttribute('#telemetry-toggle', 'aria-expanded')).toBe('false');
    await shoot(page, 'demo-phone-home', true);
  });

  walk('phone', phone, state);

  it('plans retention within the width: what the desktop walk deleted is gone, the rest is planned', async () => {
    await page.click('.views a[href="#retention"]');
    await page.fill('#plan-form input[name=days]', '1');
    await page.click('#plan-form button[type=submit]');
    await page.waitForSelector('#plan-table tbody tr');
    await page.waitForSelector('#plan-chart svg rect');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await shoot(page, 'demo-phone-retention', true);
  });

  it('draws the org’s charts within the width and opens the log', async () => {
    await page.click('.views a[href="#org"]');
    await page.waitForSelector('#storage-chart svg rect');
    await page.waitForSelector('#bots-chart svg rect');
    expect((await page.locator('#storage-chart svg').boundingBox())!.width).toBeLessThanOrEqual(phone.width);
    await page.click('#telemetry-toggle');
    await page.waitForSelector('#telemetry-list li');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await shoot(page, 'demo-phone-org', true);
    expect(errors).toEqual([]);
  });
});
