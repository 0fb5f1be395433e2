// An import resolver for eslint-plugin-boundaries: the sources import `./x.js` and the file
// on disk is `./x.ts` (TypeScript's ESM convention). Packages and built-ins are left
// unresolved, which the plugin treats as external.
const { existsSync } = require('node:fs');
const { dirname, resolve } = require('node:path');

exports.interfaceVersion = 2;

exports.resolve = (source, file) => {
  if (!source.startsWith('.')) return { found: false };
  const target = resolve(dirname(file), source);
  for (const candidate of [target.replace(/\.(m|c)?js$/, '.$1ts'), target, `${target}.ts`, `${target}/index.ts`]) {
    if (existsSync(candidate)) return { found: true, path: candidate };
  }
  return { found: false };
};
