/**
 * Reading a vendor's error: a key echoed anywhere in it never leaks, and a
 * huge body is read in bounded time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { captureImageGateError as failure } from '@imagegate/testing/fakes';
import { leaksSecret, mapHttpError, readVendorError } from '../provider.js';
import { generateImage } from '../index.js';
import { HOSTILE_KEY, hostileProvider, json, type HostileServer } from '../../test-support/hostile-server.js';
import { useHostileServers } from '../../test-support/hostile-setup.js';

const servers = useHostileServers();
let vendor: HostileServer;
beforeAll(() => {
  ({ vendor } = servers);
});

describe('vendor text stays text; secrets stay secret', () => {
  it('never leaks a key the vendor echoes across the cut of its error text, nor any 12 characters of it', async () => {
    for (const at of [150, 185, 195, 205]) {
      vendor.handle((_req, res) =>
        res.writeHead(500, { 'content-type': 'text/html' }).end(`${'x'.repeat(at)} ${HOSTILE_KEY} trailing`),
      );
      const error = await failure(
        generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }),
      );
      const everything = [error.message, error.vendorMessage ?? '', error.stack ?? '', JSON.stringify(error)].join(
        '\n',
      );
      expect(leaksSecret(everything, HOSTILE_KEY), `key echoed at ${at}`).toBe(false);
      vendor.reset();
    }
  });
});

describe('a careless caller, a hostile vendor: what review found', () => {
  it('a huge error body full of would-be URLs is read in bounded time', async () => {
    vendor.handle((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('a.'.repeat(500_000)));
    const started = Date.now();
    const error = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }),
    );
    expect(error.code).toBe('PROVIDER_ERROR');
    expect(Date.now() - started).toBeLessThan(1000);
    vendor.handle((_req, res) => json(res, 500, { error: { message: `${'b://'.repeat(300_000)}x` } }));
    const json500 = await failure(
      generateImage({ provider: hostileProvider(vendor.url), model: 'h-sync', prompt: 'a cat' }),
    );
    expect(json500.vendorMessage!.length).toBeLessThanOrEqual(2001);
  });
});

describe('FastAPI and pydantic error bodies', () => {
  const bytes = (body: unknown) => new TextEncoder().encode(JSON.stringify(body));
  const context = { provider: 'Flux' };

  it('reads a validation list into the message and the field, before anything is guessed', () => {
    const error = mapHttpError(
      {
        status: 422,
        headers: {},
        body: bytes({
          detail: [
            { loc: ['body', 'width'], msg: 'ensure this value is less than or equal to 1440', type: 'value_error' },
            { loc: ['body', 'input', 'images', 0], msg: 'invalid url', type: 'url_error' },
          ],
        }),
      },
      context,
    );
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'width', vendorCode: 'value_error', status: 422 });
    expect(error.message).toBe(
      'Flux answered HTTP 422 (INVALID_REQUEST): width: ensure this value is less than or equal to 1440; ' +
        'input.images[0]: invalid url.',
    );
  });

  it('reads a string detail, an object detail, and shortens a long list', () => {
    expect(readVendorError(bytes({ detail: 'Task not found' }))).toEqual({ message: 'Task not found' });
    expect(readVendorError(bytes({ detail: { message: 'Out of credits', code: 'credits' } }))).toEqual({
      message: 'Out of credits',
      code: 'credits',
    });
    const many = Array.from({ length: 8 }, (_, i) => ({ loc: ['query', `f${i}`], msg: 'required', type: 'missing' }));
    expect(readVendorError(bytes({ detail: many }))).toEqual({
      message: 'f0: required; f1: required; f2: required; f3: required; f4: required (and 3 more)',
      code: 'missing',
      field: 'f0',
    });
  });

  it('ignores what is not a validation item, never throwing', () => {
    expect(readVendorError(bytes({ detail: [null, 3, { loc: 'x' }, { msg: 'bad', loc: [{}] }] }))).toEqual({
      message: 'bad',
      code: undefined,
      field: undefined,
    });
    expect(readVendorError(bytes({ detail: [] }))).toEqual({});
  });
});
