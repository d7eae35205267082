import { describe, expect, it } from 'vitest';
import { ImageGateError, type ImageProvider } from '@imagegate/core';
import { createHttpClient } from '@imagegate/core/provider';
import {
  contractChecks,
  createFakeProvider,
  FAKE_BASE_URL,
  FAKE_MODELS,
  type ProviderContractOptions,
} from '../src/index.js';
import { fakeScenarios } from './fake-scenarios.js';

/**
 * The contract suite must fail providers that break it. Each provider here is
 * deliberately broken in one way; the matching check must throw.
 */

async function runCheck(options: ProviderContractOptions, prefix: string): Promise<void> {
  const check = contractChecks(options).find((c) => c.name.startsWith(prefix));
  if (!check) throw new Error(`no check named ${prefix}`);
  await check.run();
}

/**
 * Leaks the key: sends it in a header core does not recognise as a credential
 * (so core cannot know to redact it) and quotes it in its errors.
 */
function leakyProvider(apiKey: string, transport: ProviderContractOptions['transport']): ImageProvider {
  const http = createHttpClient({
    provider: 'leaky',
    baseUrl: FAKE_BASE_URL,
    headers: { 'x-token': apiKey },
    transport,
  });
  return {
    specificationVersion: 'v1',
    id: 'leaky',
    name: 'Leaky',
    models: FAKE_MODELS.filter((m) => !m.async),
    async submit(request, ctx) {
      try {
        await http.send(ctx, {
          method: 'POST',
          url: '/v1/images',
          json: { model: request.model, prompt: request.prompt },
          kind: 'billable',
        });
      } catch (error) {
        throw new ImageGateError((error as ImageGateError).code, `request with token ${apiKey} failed`, {
          status: (error as ImageGateError).status,
        });
      }
      return { type: 'images', images: [] };
    },
  };
}

/** Resubmits with its own retry loop whenever `retry` says so: what the suite must catch. */
function resubmittingProvider(retry: (error: ImageGateError) => boolean) {
  return (apiKey: string, transport: ProviderContractOptions['transport']): ImageProvider => {
    const fake = createFakeProvider({ apiKey, transport });
    return {
      ...fake,
      async submit(request, ctx) {
        try {
          return await fake.submit(request, ctx);
        } catch (error) {
          if (ImageGateError.is(error) && retry(error)) return fake.submit(request, ctx);
          throw error;
        }
      },
    };
  };
}

/** Ignores abort: hands the transport a signal of its own. */
function abortIgnoringProvider(apiKey: string, transport: ProviderContractOptions['transport']): ImageProvider {
  const fake = createFakeProvider({ apiKey, transport });
  return {
    ...fake,
    submit: (request, ctx) => fake.submit(request, { ...ctx, signal: new AbortController().signal }),
    getTask: (task, ctx) => fake.getTask!(task, { ...ctx, signal: new AbortController().signal }),
  };
}

/** Declares cancel, but its cancelTask never reaches the vendor. */
function fakeCancelProvider(apiKey: string, transport: ProviderContractOptions['transport']): ImageProvider {
  return { ...createFakeProvider({ apiKey, transport }), cancelTask: async () => undefined };
}

/**
 * Fetches something for its result from another host, with `headers` made from the key: what no download may carry.
 * `credentialHeaders` are the headers the provider says its key travels in.
 */
function keySharingProvider(headers: (apiKey: string) => Record<string, string>, credentialHeaders?: string[]) {
  return (apiKey: string, transport: ProviderContractOptions['transport']): ImageProvider => {
    const fake = createFakeProvider({ apiKey, transport });
    return {
      ...fake,
      ...(credentialHeaders ? { credentialHeaders } : {}),
      async submit(request, ctx) {
        const answer = await fake.submit(request, ctx);
        const url = 'https://results.cdn-elsewhere.test/r.png';
        await transport!({ method: 'GET', url, headers: headers(apiKey), signal: ctx.signal }).catch(() => undefined);
        return answer;
      },
    };
  };
}

/** Takes the vendor's "no such task" for "still running": polls a vanished task until the deadline. */
function vanishBlindProvider(apiKey: string, transport: ProviderContractOptions['transport']): ImageProvider {
  const fake = createFakeProvider({ apiKey, transport });
  return {
    ...fake,
    async getTask(task, ctx) {
      try {
        return await fake.getTask!(task, ctx);
      } catch (error) {
        if (ImageGateError.is(error) && error.status === 404) return { state: 'running' };
        throw error;
      }
    },
  };
}

const base = (
  createProvider: (key: string, t: ProviderContractOptions['transport']) => ImageProvider,
): ProviderContractOptions => ({
  createProvider: ({ apiKey, transport }) => createProvider(apiKey, transport),
  scenarios: fakeScenarios,
});

describe('the contract suite fails broken providers', () => {
  it('fails a provider that leaks the API key into an error', async () => {
    const options = base(leakyProvider);
    await expect(runCheck(options, 'unauthorized')).rejects.toThrow(/API key \(or 12 characters of it\) appears/);
  });

  it('passes the same check for the honest fake provider (the check can pass)', async () => {
    await expect(
      runCheck(
        base((k, t) => createFakeProvider({ apiKey: k, transport: t })),
        'unauthorized',
      ),
    ).resolves.toBeUndefined();
  });

  it('fails a provider that resubmits a billable call after a 5xx', async () => {
    await expect(
      runCheck(base(resubmittingProvider((e) => e.code === 'PROVIDER_ERROR')), 'serverErrorOnSubmit'),
    ).rejects.toThrow(/resubmitted: 2 requests/);
  });

  it('fails a provider that resubmits after a 503 or a reset, which the suite answers itself', async () => {
    await expect(
      runCheck(
        base(resubmittingProvider((e) => e.code === 'NETWORK' || e.status === 503)),
        'serverErrorOnSubmit: HTTP 503',
      ),
    ).rejects.toThrow(/resubmitted: 2 requests/);
    await expect(
      runCheck(
        base(resubmittingProvider((e) => e.code === 'NETWORK' || e.status === 503)),
        'serverErrorOnSubmit: a connection reset',
      ),
    ).rejects.toThrow(/resubmitted: 2 requests/);
  });

  it('fails a provider that declares cancel but never cancels at the vendor', async () => {
    await expect(runCheck(base(fakeCancelProvider), 'cancel')).rejects.toThrow(/never received a cancel/);
  });

  it('fails a provider that ignores abort on a hanging poll, every time', async () => {
    for (let i = 0; i < 5; i++)
      await expect(runCheck(base(abortIgnoringProvider), 'asyncNeverFinishes: abort')).rejects.toThrow(/not cancelled/);
  });

  it('fails a provider that ignores abort, even though core still rejects promptly', async () => {
    await expect(runCheck(base(abortIgnoringProvider), 'slowSubmit')).rejects.toThrow(/not cancelled/);
  });

  it('fails when a scenario the manifest needs is missing', async () => {
    const { edit: _edit, ...withoutEdit } = fakeScenarios;
    const options: ProviderContractOptions = {
      ...base((k, t) => createFakeProvider({ apiKey: k, transport: t })),
      scenarios: withoutEdit,
    };
    await expect(runCheck(options, 'manifest: every scenario')).rejects.toThrow(/missing scenarios: edit/);
    await expect(runCheck(options, 'edit:')).rejects.toThrow(/scenario "edit" is missing/);
  });

  it('fails an incomplete manifest', async () => {
    const broken = (k: string, t: ProviderContractOptions['transport']): ImageProvider => ({
      ...createFakeProvider({ apiKey: k, transport: t }),
      models: [{ ...FAKE_MODELS[0]!, defaultSize: '3:2', inputImages: undefined }],
    });
    await expect(runCheck(base(broken), 'manifest: every model')).rejects.toThrow(
      /defaultSize "3:2".*\n.*declares edit but no inputImages/s,
    );
  });

  it('fails a provider that returns bytes that are not an image as success', async () => {
    const liar = (k: string, t: ProviderContractOptions['transport']): ImageProvider => {
      const fake = createFakeProvider({ apiKey: k, transport: t });
      return {
        ...fake,
        submit: async () => ({ type: 'images', images: [{ data: new TextEncoder().encode('<html>oops</html>') }] }),
      };
    };
    await expect(runCheck(base(liar), 'generate')).rejects.toThrow(/not a PNG, JPEG, WebP or GIF/);
  });

  it('fails a provider that sends the key to a host that is not its API (a result CDN)', async () => {
    await expect(
      runCheck(base(keySharingProvider((key) => ({ authorization: `Bearer ${key}` }))), 'generate'),
    ).rejects.toThrow(
      /GET to results\.cdn-elsewhere\.test carried the key or a credential \(the header authorization\)/,
    );
  });

  it('fails a provider that sends a value of its own credential header to a result host', async () => {
    await expect(
      runCheck(
        base(
          keySharingProvider(
            (key) => ({ 'x-acme-signature': Buffer.from(key).toString('base64') }),
            ['x-acme-signature'],
          ),
        ),
        'generate',
      ),
    ).rejects.toThrow(
      /GET to results\.cdn-elsewhere\.test carried the key or a credential \(the header x-acme-signature\)/,
    );
  });

  it('fails a provider that polls a vanished task as if it were running, and passes the honest one', async () => {
    await expect(runCheck(base(vanishBlindProvider), 'taskVanishes')).rejects.toThrow(
      /taskVanishes: ended in TIMEOUT .* taken for "still running"/,
    );
    await expect(
      runCheck(
        base((k, t) => createFakeProvider({ apiKey: k, transport: t })),
        'taskVanishes',
      ),
    ).resolves.toBeUndefined();
  });
});
