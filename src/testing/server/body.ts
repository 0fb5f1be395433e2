/** Reading a request body with a size limit, so one request cannot fill the server's memory. */
import type { IncomingMessage } from 'node:http';
import { ErrorCodes } from '../emulator/errors.js';
import { HttpError } from './httpError.js';

/**
 * The largest request body the server reads by default: 16 MiB. Dataverse's own limit is not
 * documented for the Web API; this one is generous for JSON and `$batch` and small enough that a
 * runaway client cannot exhaust a test machine.
 */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Reads the whole body of `req`, refusing with 413 as soon as it is known to be larger than
 * `limit` bytes: at once from `Content-Length`, or when the bytes read so far pass it (chunked
 * bodies). The body is never buffered past the limit, and the connection is closed after the
 * 413, so the client stops sending.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer<ArrayBuffer>> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(bodyTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      // Stop reading but keep the socket: destroying the request would close it before the 413.
      stop();
      req.pause();
      reject(bodyTooLarge(limit));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
    };
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** The 413, in Dataverse's error shape (its code for a request body it rejects: UNCONFIRMED for size). */
function bodyTooLarge(limit: number): HttpError {
  return new HttpError(413, `The request body is larger than the ${limit} bytes this server accepts.`, ErrorCodes.BadRequest, {
    Connection: 'close',
  });
}
