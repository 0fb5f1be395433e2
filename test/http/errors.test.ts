// @vitest-environment node
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { OmnichannelError, isOmnichannelError } from '../../src/index.js';
import { codeForStatus, diagnosticHeaders, invalidInput } from '../../src/http/errors.js';

describe('OmnichannelError', () => {
  it('is an Error and an OmnichannelError named OmnichannelError', () => {
    const error = new OmnichannelError('NotFound', 'gone');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(OmnichannelError);
    expect(error.name).toBe('OmnichannelError');
    expect(error.message).toBe('gone');
    expect(error.stack).toContain('gone');
  });

  it('carries every detail it was given', () => {
    const error = new OmnichannelError('Throttled', 'slow down', {
      status: 429,
      dataverseCode: '0x80072322',
      correlationId: 'corr',
      serviceRequestId: 'svc',
      retryAfterMs: 1500,
      field: 'x',
    });
    expect(error).toMatchObject({
      code: 'Throttled',
      status: 429,
      dataverseCode: '0x80072322',
      correlationId: 'corr',
      serviceRequestId: 'svc',
      retryAfterMs: 1500,
      field: 'x',
    });
  });

  it('carries the response headers and Dataverse innererror it was given, and serialises them', () => {
    const innererror = { message: 'Object reference not set', type: 'System.NullReferenceException', stacktrace: '   at Plugin.Execute()' };
    const error = new OmnichannelError('ServerError', 'boom', { status: 500, headers: { 'x-ms-service-request-id': 'svc' }, innererror });
    expect(error.headers).toEqual({ 'x-ms-service-request-id': 'svc' });
    expect(error.innererror).toBe(innererror);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ headers: { 'x-ms-service-request-id': 'svc' }, innererror });
  });

  it('stays recognisable by isOmnichannelError with headers and innererror', () => {
    const error = new OmnichannelError('ServerError', 'boom', { headers: {}, innererror: { message: 'x' } });
    expect(isOmnichannelError(error)).toBe(true);
    expect(error).toBeInstanceOf(OmnichannelError);
  });

  it('leaves details it was not given undefined', () => {
    const error = new OmnichannelError('ServerError', 'boom');
    expect([
      error.status,
      error.dataverseCode,
      error.correlationId,
      error.serviceRequestId,
      error.retryAfterMs,
      error.field,
      error.headers,
      error.innererror,
      error.cause,
    ]).toEqual(Array(9).fill(undefined));
  });

  it('keeps the cause as the standard Error cause, not as an enumerable detail', () => {
    const cause = new TypeError('Failed to fetch');
    const error = new OmnichannelError('NetworkError', 'offline', { cause });
    expect(error.cause).toBe(cause);
    expect(Object.keys(error)).not.toContain('cause');
  });

  it('serialises its code and details with JSON.stringify', () => {
    const error = new OmnichannelError('NotFound', 'gone', { status: 404, correlationId: 'corr' });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ code: 'NotFound', status: 404, correlationId: 'corr' });
  });
});

describe('isOmnichannelError', () => {
  it('is true for an OmnichannelError', () => {
    expect(isOmnichannelError(new OmnichannelError('Aborted', 'stop'))).toBe(true);
  });

  it('is true for a branded error made in another realm, where instanceof fails', () => {
    const foreign = runInNewContext(`
      const error = new Error('from an iframe');
      Object.defineProperty(error, Symbol.for('omnichannel-sdk.error'), { value: true });
      error.code = 'NotFound';
      error;
    `) as unknown;
    expect(foreign).not.toBeInstanceOf(Error);
    expect(isOmnichannelError(foreign)).toBe(true);
  });

  it.each([
    ['a plain Error', new Error('x')],
    ['a lookalike with the same name and code', Object.assign(new Error('x'), { name: 'OmnichannelError', code: 'NotFound' })],
    ['an object whose brand is not true', { [Symbol.for('omnichannel-sdk.error')]: 'true' }],
    ['an object branded with a different symbol', { [Symbol('omnichannel-sdk.error')]: true }],
    ['null', null],
    ['undefined', undefined],
    ['a string', 'OmnichannelError'],
  ])('is false for %s', (_name, value) => {
    expect(isOmnichannelError(value)).toBe(false);
  });
});

describe('invalidInput', () => {
  it('makes an InvalidInput error that names the field in field and message', () => {
    const error = invalidInput('input.status[0]', 'must be a number');
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe('input.status[0]');
    expect(error.message).toBe('input.status[0] must be a number');
  });
});

describe('diagnosticHeaders', () => {
  it('copies response headers into a plain object with lower-case names', () => {
    const headers = new Headers({ 'X-MS-Service-Request-Id': 'svc', 'Retry-After': '5' });
    expect(diagnosticHeaders(headers)).toEqual({ 'x-ms-service-request-id': 'svc', 'retry-after': '5' });
  });

  it.each(['Authorization', 'Proxy-Authorization', 'Cookie', 'Set-Cookie'])('leaves out %s, which carries credentials', (name) => {
    const copy = diagnosticHeaders(new Headers({ [name]: 'secret-value', 'Content-Type': 'application/json' }));
    expect(copy).toEqual({ 'content-type': 'application/json' });
  });

  it('keeps a header named __proto__ as data, not as the prototype', () => {
    const copy = diagnosticHeaders(new Headers([['__proto__', 'x']]));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toBe('x');
  });
});

describe('codeForStatus', () => {
  it.each([
    [400, 'BadRequest'],
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
    [404, 'NotFound'],
    [405, 'BadRequest'],
    [409, 'Conflict'],
    [412, 'PreconditionFailed'],
    [413, 'BadRequest'],
    [429, 'Throttled'],
    [500, 'ServerError'],
    [502, 'ServerError'],
    [503, 'ServerError'],
    [504, 'ServerError'],
    [599, 'ServerError'],
  ])('maps HTTP %i to %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });
});
