// HTTP written out by hand over a socket, for requests fetch will not send (a foreign Host, a
// body that never ends) and answers it would hide (the connection closing).
import { connect } from 'node:net';

/** A raw response: its status code, headers (lower-case names) and body text (de-chunked; sizes count characters, so bodies must be ASCII). */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Connects to `url`, writes `head` (request line and headers, no blank line), a blank line and
 * then `body`, and answers everything the server sent once it closes the connection. The
 * request itself is not ended unless `body` completes it: a server that waits for the rest of
 * the body never answers.
 */
export function sendRaw(url: string, head: string[], body: string | Buffer = ''): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      if (body.length > 0) socket.write(body);
    });
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('end', () => resolve(parseResponse(Buffer.concat(received).toString('utf8'))));
    // The server may close while we still write (it refused the body): what it sent counts.
    socket.on('error', (error: NodeJS.ErrnoException) =>
      received.length > 0 && (error.code === 'ECONNRESET' || error.code === 'EPIPE')
        ? resolve(parseResponse(Buffer.concat(received).toString('utf8')))
        : reject(error),
    );
  });
}

function parseResponse(text: string): RawResponse {
  const split = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, split < 0 ? text.length : split).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  const body = split < 0 ? '' : text.slice(split + 4);
  return { status: Number(statusLine.split(' ')[1]), headers, body: headers['transfer-encoding'] === 'chunked' ? dechunk(body) : body };
}

/** The content of a chunked body: each chunk is its size in hex, CRLF, the bytes, CRLF. */
function dechunk(body: string): string {
  let content = '';
  for (let at = 0; ;) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = parseInt(body.slice(at, lineEnd), 16);
    if (!(size > 0)) return content;
    content += body.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}
