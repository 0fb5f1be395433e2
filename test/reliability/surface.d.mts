/** Properties of a client that hold objects but are not an API of requests, each with why. */
export declare const notApi: Readonly<Record<string, string>>;
/** Every public function of `client`: `name`, or `namespace.name`; with the package root, `name(connection)` too. */
export declare function publicFunctions(client: object, root?: Record<string, unknown>): string[];
