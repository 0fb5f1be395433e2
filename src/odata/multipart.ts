/**
 * Reading a `$batch` answer (`multipart/mixed`): its parts, the change-set answers nested in
 * it, and the HTTP response each `application/http` part holds. Line ends may be CRLF or LF;
 * a preamble, an epilogue and padding after a delimiter are ignored. Anything else that does
 * not read as multipart is `null`, for the caller to report as `InvalidResponse`.
 */

/** One part of a multipart body: its MIME headers and its content. @internal */
export interface MimePart {
  /** MIME headers, names in lower case. */
  headers: ReadonlyMap<string, string>;
  content: string;
}

/** The HTTP response an `application/http` part holds. @internal */
export interface PartResponse {
  status: number;
  /** Headers, names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** The body as text; `''` when there is none. */
  body: string;
}

/** The boundary of a `multipart/mixed` content type; `undefined` for any other type. @internal */
export function multipartBoundary(contentType: string | null | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/mixed\b/i.test(contentType)) return undefined;
  return /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i
    .exec(contentType)
    ?.slice(1)
    .find((value) => value !== undefined);
}

/**
 * The parts of `text` delimited by `boundary`, or `null` when the closing delimiter is missing
 * (a truncated answer) or a part has no blank line after its headers.
 * @internal
 */
export function readMultipart(text: string, boundary: string): MimePart[] | null {
  const lines = text.split(/\r?\n/);
  const parts: MimePart[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const delimiter = line.trimEnd();
    const closing = delimiter === `--${boundary}--`;
    if (closing || delimiter === `--${boundary}`) {
      if (current) {
        const part = readPart(current);
        if (!part) return null;
        parts.push(part);
      }
      if (closing) return parts;
      current = [];
    } else {
      current?.push(line);
    }
  }
  return null;
}

/** MIME headers up to the first blank line, then the content (its final line end belongs to the delimiter). */
function readPart(lines: string[]): MimePart | null {
  const blank = lines.findIndex((line) => line.trim() === '');
  if (blank < 0) return null;
  return { headers: readHeaders(lines.slice(0, blank)), content: lines.slice(blank + 1).join('\r\n') };
}

function readHeaders(lines: readonly string[]): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * The response in an `application/http` part: status line, headers, blank line, body; `null`
 * when the status line is not `HTTP/1.x <status> …`.
 * @internal
 */
export function readPartResponse(content: string): PartResponse | null {
  const lines = content.split(/\r?\n/);
  const statusLine = /^HTTP\/1\.[01]\s+(\d{3})\b/i.exec(lines[0]?.trim() ?? '');
  if (!statusLine) return null;
  let blank = lines.findIndex((line, index) => index > 0 && line.trim() === '');
  if (blank < 0) blank = lines.length;
  return {
    status: Number(statusLine[1]),
    headers: Object.fromEntries(readHeaders(lines.slice(1, blank))),
    body: lines
      .slice(blank + 1)
      .join('\n')
      .trim(),
  };
}
