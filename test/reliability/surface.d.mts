/** Properties of a client that hold objects but are not an API of requests, each with why. */
export declare const notApi: Readonly<Record<string, string>>;
/** Every public function of `client`: `name`, or `namespace.name`. */
export declare function publicFunctions(client: object): string[];
