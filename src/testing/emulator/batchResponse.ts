/** Writing a `$batch` answer: each response as an `application/http` part of a `multipart/mixed` body. */

const statusText: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  412: 'Precondition Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** A response as the text of an `application/http` part: status line, headers, body. @internal */
export async function serialiseResponse(response: Response): Promise<string> {
  const head = [`HTTP/1.1 ${response.status} ${statusText[response.status] ?? ''}`.trimEnd()];
  response.headers.forEach((value, name) => head.push(`${name}: ${value}`));
  return `${head.join('\r\n')}\r\n\r\n${await response.text()}`;
}

/** A serialised response as a part of a multipart body, under its Content-ID when it has one. @internal */
export function httpPart(serialised: string, contentId?: string): string {
  const id = contentId === undefined ? '' : `Content-ID: ${contentId}\r\n`;
  return `Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n${id}\r\n${serialised}`;
}

/** Parts joined into a `multipart/mixed` body delimited by `boundary`. @internal */
export function multipartBody(parts: readonly string[], boundary: string): string {
  return `${parts.map((part) => `--${boundary}\r\n${part}`).join('\r\n')}\r\n--${boundary}--`;
}

/** A change set's answered parts as one part of the batch answer. @internal */
export function changeSetPart(parts: readonly string[], boundary: string): string {
  return `Content-Type: multipart/mixed; boundary=${boundary}\r\n\r\n${multipartBody(parts, boundary)}`;
}
