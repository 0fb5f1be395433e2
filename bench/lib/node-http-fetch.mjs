// A minimal fetch over node:http with a keep-alive agent: the transport dynamics-web-api's Node
// build uses, handed to the SDK through its `fetch` option, so the two clients can be compared
// on the same transport over loopback. Enough of fetch for the SDK: method, headers, body,
// signal; a response with ok, status, statusText, headers.get/forEach and text().
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

export function nodeHttpFetch(input, init = {}) {
  return new Promise((resolve, reject) => {
    const url = new URL(String(input));
    const signal = init.signal;
    if (signal?.aborted) return reject(signal.reason);
    const request = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: init.method ?? 'GET',
        headers: init.headers,
        agent,
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Map(
            Object.entries(response.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
          );
          resolve({
            ok: response.statusCode >= 200 && response.statusCode < 300,
            status: response.statusCode,
            statusText: response.statusMessage ?? '',
            headers: { get: (name) => headers.get(name.toLowerCase()) ?? null, forEach: (fn) => headers.forEach(fn) },
            text: async () => text,
          });
        });
      },
    );
    const onAbort = () => request.destroy(signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', reject);
    request.end(init.body);
  });
}
