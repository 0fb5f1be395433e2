/**
 * A request body held until a route reads it: whole, as most routes do, or chunk by chunk, so
 * that `$batch` can stop reading a body as soon as it has seen too much.
 */

/** A request body, read on demand. @internal */
export interface RequestBody {
  /** The whole body as text (`''` when there is none). */
  text(): Promise<string>;
  /** The body as text chunks, in order; stopping early cancels the rest of the stream. */
  chunks(): AsyncIterable<string>;
}

/** A body already in memory: a part of a `$batch`. @internal */
export function textBody(text: string): RequestBody {
  return {
    text: () => Promise.resolve(text),
    async *chunks() {
      if (text !== '') yield text;
    },
  };
}

/** The body of a fetch `Request`, read once, when a route asks for it. @internal */
export function streamBody(request: Request): RequestBody {
  return {
    text: () => request.text(),
    async *chunks() {
      if (!request.body) return;
      const reader = request.body.getReader();
      const decoder = new TextDecoder();
      let done = false;
      try {
        for (;;) {
          const next = await reader.read();
          if (next.done) break;
          yield decoder.decode(next.value, { stream: true });
        }
        done = true;
        const rest = decoder.decode();
        if (rest !== '') yield rest;
      } finally {
        // A reader that stopped early (a batch over its limit) leaves the rest of the body unread.
        if (!done) await reader.cancel().catch(() => undefined);
        reader.releaseLock();
      }
    },
  };
}
