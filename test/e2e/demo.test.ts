// @vitest-environment node
// The demo in real Chromium: `npm start`'s server, the page loading the IIFE by a script tag.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgEmulator } from '../../src/testing/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let demo: ChildProcess;
let url: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(chromiumPath))
    throw new Error(`Chromium is missing at ${chromiumPath}: run \`npm test\` (its pretest installs it) or set CHROMIUM_PATH.`);
  demo = spawn(process.execPath, [join(root, 'scripts/start.mjs'), '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise<string>((resolve, reject) => {
    let output = '';
    demo.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Demo: (http:\/\/\S+?)\/?\s/.exec(output);
      if (match) resolve(match[1]!);
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

/** The signed-in agent's Active and Waiting conversations in the same seed (the page's default filter). */
function expectedIds(): string[] {
  const org = createOrgEmulator();
  const agent = org.seedData!.signedInAgentId;
  return org.store
    .list('msdyn_ocliveworkitem')
    .filter((row) => row._msdyn_activeagentid_value === agent && (row.statuscode === 2 || row.statuscode === 3))
    .map((row) => String(row.msdyn_ocliveworkitemid))
    .sort();
}

describe('the demo page in Chromium', () => {
  it('renders the seeded conversations loaded through the script-tag bundle', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${url}/`);
    await page.waitForSelector('#conversations tbody tr');
    const ids = await page.$$eval('#conversations tbody td.id', (cells) => cells.map((cell) => cell.textContent ?? ''));
    expect(ids.sort()).toEqual(expectedIds());
    expect(
      await page.evaluate(() => typeof (window as { OmnichannelSDK?: { createOmnichannel?: unknown } }).OmnichannelSDK?.createOmnichannel),
    ).toBe('function');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the call’s correlation id in the telemetry panel', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/`);
    await page.waitForSelector('#telemetry li.response');
    const log = await page.$$eval('#telemetry li', (items) => items.map((item) => item.textContent ?? ''));
    expect(log.some((line) => line.includes('getConversations') && line.includes('demo-refresh-1'))).toBe(true);
    await page.close();
  });

  it('filters by status when the agent changes the form', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/`);
    await page.waitForSelector('#conversations tbody tr');
    await page.uncheck('input[name=status][value="2"]');
    await page.uncheck('input[name=status][value="3"]');
    await page.check('input[name=status][value="4"]');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#telemetry')?.textContent?.includes('demo-refresh-2'));
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.endsWith('conversations'));
    const statuses = await page.$$eval('#conversations tbody tr td:nth-child(3)', (cells) => cells.map((cell) => cell.textContent));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['Closed']));
    await page.close();
  });
});
