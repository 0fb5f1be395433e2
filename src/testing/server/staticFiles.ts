/**
 * Static files beside the Web API (a demo page, built bundles): URL prefix → directory. A path
 * never leads out of its directory, by `..` or by a symbolic link, and a file that cannot be
 * read is answered with an error, not a crashed server.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from './httpError.js';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A directory served under a URL path prefix. */
export interface StaticRoot {
  /** URL path prefix, e.g. `/dist/`. */
  readonly prefix: string;
  /** Absolute path of the directory. */
  readonly directory: string;
}

/** The roots of `files` (prefix → directory), longest prefix first, so the most specific wins. */
export function resolveStaticRoots(files: Readonly<Record<string, string>>): StaticRoot[] {
  return Object.entries(files)
    .map(([prefix, directory]) => ({ prefix, directory: resolve(directory) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
}

/** The root whose prefix `path` starts with, if any. */
export function findStaticRoot(roots: readonly StaticRoot[], path: string): StaticRoot | undefined {
  return roots.find((root) => path.startsWith(root.prefix));
}

/**
 * Sends the file `path` (the URL path, still percent-encoded) names under `root`; `index.html`
 * answers a directory. 404 for nothing there, 403 for a path or link leading outside the
 * directory, 500 for a file that cannot be read, 503 when the process is out of file handles.
 */
export async function sendStaticFile(req: IncomingMessage, res: ServerResponse, root: StaticRoot, path: string): Promise<void> {
  const relative = decodePath(path.slice(root.prefix.length));
  const lexical = normalize(join(root.directory, relative));
  if (!isInside(root.directory, lexical)) throw new HttpError(403, 'Forbidden');
  const realRoot = await realpath(root.directory).catch(rethrowAsAnswer);
  let file = await resolveInside(realRoot, lexical);
  if ((await stat(file).catch(rethrowAsAnswer)).isDirectory()) file = await resolveInside(realRoot, join(file, 'index.html'));
  if (!(await stat(file).catch(rethrowAsAnswer)).isFile()) throw new HttpError(404, 'Not found');

  // Read the first chunk before answering: an unreadable file (EACCES, EIO, EMFILE) is still an
  // error status then, not a 200 cut short.
  const chunks = createReadStream(file)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await chunks.next().catch(rethrowAsAnswer);
  res.writeHead(200, { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
  if (req.method === 'HEAD' || first.done) {
    await chunks.return?.();
    res.end();
    return;
  }
  // A read error later on rejects here; the caller drops the connection, whose answer is already under way.
  await pipeline(Readable.from(prepend(first.value, chunks)), res);
}

/** The real path of `path`, refused (403) when it leads outside `realRoot`, as a symbolic link can. */
async function resolveInside(realRoot: string, path: string): Promise<string> {
  const real = await realpath(path).catch(rethrowAsAnswer);
  if (!isInside(realRoot, real)) throw new HttpError(403, 'Forbidden');
  return real;
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** A static file path, decoded; bad percent-encoding is the client's error, not the server's. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw new HttpError(400, 'Bad percent-encoding in the path.');
  }
}

/** `first`, then the rest of `chunks`. */
async function* prepend(first: Buffer, chunks: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  try {
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  } finally {
    // The response closed early: stop reading, so the file is closed.
    await chunks.return?.();
  }
}

/**
 * The status a failed file operation is answered with: 404 for nothing at that path, 503 (try
 * again) when the process or system is out of file handles, 500 for anything else, such as a
 * file the server may not read (EACCES) or a failing disk (EIO).
 */
export function fileErrorStatus(error: unknown): number {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // Including paths no file can have: too long, looping links, a NUL byte (Node's ERR_INVALID_ARG_VALUE).
  if (['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG', 'ERR_INVALID_ARG_VALUE'].includes(code ?? '')) return 404;
  if (code === 'EMFILE' || code === 'ENFILE') return 503;
  return 500;
}

/** Turns a file-system error into the answer for it; the message names no path of the machine. */
function rethrowAsAnswer(error: unknown): never {
  const status = fileErrorStatus(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
  if (status === 404) throw new HttpError(404, 'Not found');
  if (status === 503) throw new HttpError(503, 'Too many open files; try again.', undefined, { 'Retry-After': '1' });
  throw new HttpError(500, `The file cannot be read (${code}).`);
}
