// The public functions of a client, found on the client itself rather than listed by hand, so
// that a function added tomorrow shows up in the reliability matrix and the benchmark registry
// (and fails them until it has its rows). Shared by test/reliability and bench/.

/**
 * Properties of a client that hold objects but are not an API of requests, each with why.
 * Anything else on the client that holds functions is part of the surface.
 */
export const notApi = {
  workspace: 'the in-memory agent workspace (sessions, drafts, panels): it sends no request of its own; test/workspace covers it',
};

/** Names of the functions an object offers: its own, and its class's when it is an instance of one. */
function functionsOf(value) {
  const names = new Set(Object.keys(value).filter((name) => typeof value[name] === 'function'));
  const proto = Object.getPrototypeOf(value);
  if (proto && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor' && typeof value[name] === 'function') names.add(name);
  }
  return [...names].filter((name) => !name.startsWith('_'));
}

/**
 * Every public function of `client`, as `name` for the client's own methods and
 * `namespace.name` for those of its namespaces (`records`, `retention`, …); with the package
 * root, also `name(connection)` for each function the root exports under a method's name (the
 * same call over a connection, `getConversations(connection, input)`).
 * @param {object} client a client from `createOmnichannel`
 * @param {Record<string, unknown>} [root] the package root's exports
 * @returns {string[]}
 */
export function publicFunctions(client, root = {}) {
  const methods = functionsOf(client).filter((name) => !(name in notApi));
  const names = [...methods];
  for (const key of Object.keys(client)) {
    if (key in notApi) continue;
    const value = client[key];
    if (typeof value === 'object' && value !== null) for (const name of functionsOf(value)) names.push(`${key}.${name}`);
  }
  for (const name of methods) if (typeof root[name] === 'function') names.push(`${name}(connection)`);
  return names.sort();
}
