#!/usr/bin/env node
// The public surface of each entry, as api-extractor reads the published declarations, kept in
// api/*.api.md. `npm run api` rewrites the reports after a deliberate change of surface (commit
// them: the diff is the review); `npm run api -- --check` (CI) fails when the surface differs
// from the committed reports, or on any warning: an exported name without TSDoc
// (ae-undocumented), a type the entry uses but does not export (ae-forgotten-export).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { buildIfStale, root } from './build-if-stale.mjs';

const check = process.argv.includes('--check');
// The subpath entries import the root (and msw the testing entry) by package name, which
// api-extractor follows into this package and reports as forgotten exports: they are the root's.
const subpath = { 'ae-forgotten-export': { logLevel: 'none' }, 'ae-misplaced-package-tag': { logLevel: 'none' } };
const entries = [
  { name: 'omnichannel-sdk', types: 'dist/index.d.ts', messages: {} },
  { name: 'omnichannel-sdk-testing', types: 'dist/testing/index.d.ts', messages: subpath },
  { name: 'omnichannel-sdk-testing-msw', types: 'dist/testing/msw.d.ts', messages: subpath },
  { name: 'omnichannel-sdk-ui', types: 'dist/ui/index.d.ts', messages: subpath },
];

buildIfStale();
mkdirSync(join(root, 'api'), { recursive: true });

let failed = false;
for (const entry of entries) {
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: join(root, entry.types),
      bundledPackages: [],
      compiler: {
        overrideTsconfig: { compilerOptions: { target: 'ES2022', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: true, strict: true } },
      },
      apiReport: {
        enabled: true,
        reportFileName: `${entry.name}.api.md`,
        reportFolder: join(root, 'api'),
        reportTempFolder: join(root, 'node_modules/.cache/api-report'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        extractorMessageReporting: {
          default: { logLevel: 'warning' },
          // The package's entries import each other by name; that is the point of them.
          'ae-wrong-input-file-type': { logLevel: 'none' },
          // No alpha/beta/public release tags: everything published is public.
          'ae-missing-release-tag': { logLevel: 'none' },
          ...entry.messages,
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
    configObjectFullPath: join(root, 'api', `${entry.name}.json`),
    packageJsonFullPath: join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: !check, showVerboseMessages: false, messageCallback: quiet });
  if (check && result.apiReportChanged) {
    console.error(`The public surface of ${entry.types} changed: run \`npm run api\` and commit api/${entry.name}.api.md.`);
    failed = true;
  } else if (!result.succeeded) {
    failed = true;
  } else {
    console.log(`api/${entry.name}.api.md ${result.apiReportChanged ? 'updated' : 'unchanged'}`);
  }
}
if (failed) process.exit(1);

/** Keeps api-extractor's banner lines out of the output; its warnings and errors stay. */
function quiet(message) {
  if (message.logLevel === 'info' || message.logLevel === 'verbose') message.handled = true;
}
