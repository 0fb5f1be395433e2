// The demo's message channel: the SDK's `messageChannel` option, carrying chat messages
// through the emulated chat service over HTTP (`<api>/$emulator/messages`). The Dataverse Web
// API cannot deliver a chat message; in the product the chat service does, and this adapter
// plays its part here:
//   - send(): one POST per agent message (the SDK calls it once and never retries it);
//   - subscribe(): the customers' messages, found by polling `GET ?after=<seq>` every
//     `intervalMs` (one request however many conversations are open), reach the SDK, which
//     feeds them to its workspace (unread counts, badges);
//   - thread(): every message of a conversation, the agent's included, for the conversation
//     view: the chat service keeps the thread, including what the customer wrote before the
//     agent accepted the chat.
(function (Demo) {
  'use strict';

  Demo.createHttpChannel = function createHttpChannel({ webApiUrl, agentName, intervalMs, onError }) {
    const url = `${webApiUrl}$emulator/messages`;
    const threads = new Map();
    const listeners = new Set();
    const watchers = new Set();
    let cursor = 0;
    let timer;
    let running = false;

    /** Keeps a message in its thread; false when it was already there (a poll seeing our own send). */
    function remember(message) {
      const id = message.conversationId.toLowerCase();
      const thread = threads.get(id) ?? [];
      if (thread.some((known) => known.seq === message.seq)) return false;
      thread.push(message);
      thread.sort((a, b) => a.seq - b.seq);
      threads.set(id, thread);
      return true;
    }

    function changed(conversationId) {
      for (const watcher of [...watchers]) watcher(conversationId.toLowerCase());
    }

    async function read(after) {
      const response = await fetch(`${url}?after=${after}`, { headers: { Accept: 'application/json' } });
      if (!response.ok) {
        const error = new Error(`The chat service answered ${response.status} ${response.statusText}`);
        error.retryAfterMs = Number(response.headers.get('Retry-After')) * 1000 || undefined;
        throw error;
      }
      return response.json();
    }

    async function poll() {
      let delay = intervalMs;
      try {
        const { value, last } = await read(cursor);
        cursor = Math.max(cursor, last);
        const touched = new Set();
        for (const message of value) {
          if (!remember(message)) continue;
          touched.add(message.conversationId);
          if (message.from === 'agent') continue;
          const incoming = {
            conversationId: message.conversationId,
            text: message.text,
            from: message.from,
            sender: message.sender,
            at: message.at,
          };
          for (const listener of [...listeners]) listener(incoming);
        }
        touched.forEach(changed);
      } catch (error) {
        delay = Math.max(error.retryAfterMs ?? 0, intervalMs * 2);
        onError?.(error, delay);
      }
      if (running) timer = setTimeout(poll, delay);
    }

    return {
      /** Reads the threads so far (not delivered as new: they were written before the page opened). */
      ready: read(0).then(({ value, last }) => {
        value.forEach(remember);
        cursor = last;
      }),

      async send(conversationId, message, call) {
        const text = typeof message === 'string' ? message : JSON.stringify(message);
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ conversationId, text, from: 'agent', sender: agentName }),
          signal: call.signal,
        });
        if (!response.ok) throw new Error(`The chat service refused the message (${response.status} ${response.statusText})`);
        const posted = await response.json();
        if (remember(posted)) changed(posted.conversationId);
      },

      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },

      /** The conversation's messages, oldest first. */
      thread(conversationId) {
        return [...(threads.get(conversationId.toLowerCase()) ?? [])];
      },

      /** Calls `watcher(conversationId)` when a thread gets a message; returns the function that stops it. */
      watch(watcher) {
        watchers.add(watcher);
        return () => watchers.delete(watcher);
      },

      start() {
        if (running) return;
        running = true;
        timer = setTimeout(poll, intervalMs);
      },

      stop() {
        running = false;
        clearTimeout(timer);
      },
    };
  };
})((window.Demo = window.Demo || {}));
