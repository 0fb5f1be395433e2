// Hand-made part failures for $batch: the emulator's faults apply to a whole request, so a part
// that fails is made here. The part's DELETE is turned into a GET before the batch reaches the
// emulator (so the note stays), and its answer is replaced by the given error. Also records
// the request lines of every $batch the SDK sends.
import type { OrgEmulator } from '../../src/testing/index.js';

/** How a note's DELETE part fails, and how many times (default: always). */
export interface PartFault {
  status: number;
  code?: string;
  message?: string;
  headers?: Record<string, string>;
  times?: number;
}

/** The request lines of each $batch sent, and a fetch that plays part faults in front of `org`. */
export function batchRecorder(
  org: OrgEmulator,
  faults: Map<string, PartFault> = new Map(),
  before?: (request: Request) => void | Promise<void>,
) {
  const batches: string[][] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    await before?.(request);
    if (request.method !== 'POST' || !new URL(request.url).pathname.endsWith('$batch')) return org.handle(request);
    const text = await request.text();
    batches.push([...text.matchAll(/^(GET|POST|PATCH|PUT|DELETE) (\S+) HTTP\/1\.1$/gm)].map((match) => `${match[1]} ${match[2]}`));
    const boundary = /boundary=([^;\s]+)/.exec(request.headers.get('content-type') ?? '')![1]!;
    const parts = text.split(`--${boundary}`).slice(1, -1);
    const faulted = new Map<number, PartFault>();
    parts.forEach((part, index) => {
      const id = /^DELETE \S*annotations\(([0-9a-f-]+)\)/m.exec(part)?.[1];
      const fault = id === undefined ? undefined : faults.get(id);
      if (!fault || (fault.times ?? Infinity) <= 0) return;
      fault.times = (fault.times ?? Infinity) - 1;
      faulted.set(index, fault);
      parts[index] = part.replace(/^DELETE (\S*annotations\([0-9a-f-]+\))/m, 'GET $1?$select=annotationid');
    });
    const response = await org.handle(
      new Request(request.url, { method: 'POST', headers: request.headers, body: ['', ...parts, '--\r\n'].join(`--${boundary}`) }),
    );
    if (faulted.size === 0) return response;
    const answer = await response.text();
    const out = /boundary=([^;\s]+)/.exec(response.headers.get('content-type') ?? '')![1]!;
    const answered = answer.split(`--${out}`).slice(1, -1);
    for (const [index, fault] of faulted) {
      const headers = Object.entries({ 'Content-Type': 'application/json; odata.metadata=minimal', ...fault.headers }).map(
        ([name, value]) => `${name}: ${value}\r\n`,
      );
      const body = JSON.stringify({
        error: { code: fault.code ?? '0x80040220', message: fault.message ?? `Injected part failure ${fault.status}` },
      });
      answered[index] =
        `\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nHTTP/1.1 ${fault.status} Injected\r\n${headers.join('')}\r\n${body}\r\n`;
    }
    return new Response(['', ...answered, '--\r\n'].join(`--${out}`), { status: response.status, headers: response.headers });
  };
  return { fetch, batches };
}
