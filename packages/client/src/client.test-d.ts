import type { PathsWithMethod } from 'openapi-typescript-helpers';
import { describe, expectTypeOf, it } from 'vitest';
import { defaultMerchantId, merchantIdHeader } from './generated/spec-values.js';
import {
  createVaultClient,
  type ErrorResponse,
  type PhoneConfirmationRequest,
  type paths,
  type TokenResponse,
  type VaultApiError,
  type VaultClientError,
  type VaultErrorKind,
} from './index.js';

const client = createVaultClient();
const merchantHeader = { [merchantIdHeader]: defaultMerchantId };

describe('confirmPhoneNumber', () => {
  it('resolves to the generated TokenResponse', () => {
    expectTypeOf(client.confirmPhoneNumber).returns.resolves.toEqualTypeOf<TokenResponse>();
    expectTypeOf<TokenResponse>().toEqualTypeOf<{
      access_token: string;
      token_type: string;
      refresh_token?: string;
      expires_in: number;
      scope?: string;
    }>();
  });

  it('needs a number and a password, and takes no grant_type', () => {
    expectTypeOf(client.confirmPhoneNumber).parameter(0).toEqualTypeOf<{ number: string; password: string }>();
    // @ts-expect-error the password is required
    void client.confirmPhoneNumber({ number: '+447871239999' });
  });
});

describe('errors', () => {
  it('give VaultApiError the status and the generated ErrorResponse', () => {
    expectTypeOf<VaultApiError['status']>().toEqualTypeOf<number>();
    expectTypeOf<VaultApiError['body']>().toEqualTypeOf<ErrorResponse>();
    expectTypeOf<ErrorResponse['data']>().toEqualTypeOf<Record<string, Record<string, unknown>> | undefined>();
  });

  it('discriminate on kind', () => {
    expectTypeOf<VaultErrorKind>().toEqualTypeOf<
      'api' | 'invalid-response' | 'network' | 'timeout' | 'aborted' | 'invalid-input'
    >();
    expectTypeOf<Extract<VaultClientError, { kind: 'api' }>>().toEqualTypeOf<VaultApiError>();
  });
});

describe('the generated request', () => {
  it('fixes grant_type to its literal', () => {
    expectTypeOf<PhoneConfirmationRequest['grant_type']>().toEqualTypeOf<'mobile_phone'>();
  });

  it('types every path of the spec on .api, and nothing else', () => {
    // Path by path: Parameters<> of the generic POST is never once the spec has two POST paths.
    type Post = typeof client.api.POST;
    type PostPath = PathsWithMethod<paths, 'post'>;
    expectTypeOf<{
      [Path in PostPath]: Post extends (url: Path, ...rest: never[]) => unknown ? true : false;
    }>().toEqualTypeOf<Record<PostPath, true>>();
    // @ts-expect-error the spec has no such path
    void client.api.POST('/oauth/token', { params: { header: merchantHeader }, body: {} });
  });

  it('types every path of the spec on .paths, and nothing else', () => {
    expectTypeOf(client.paths['/v2/mobile/phone/confirm'].POST).toBeFunction();
    // @ts-expect-error the spec has no such path
    void client.paths['/oauth/token'];
  });

  it('types the body and the answers of .api calls', async () => {
    const { data, error } = await client.api.POST('/v2/mobile/phone/confirm', {
      params: { header: merchantHeader },
      body: { grant_type: 'mobile_phone', number: '+447871239999', password: '1234Qwerty' },
    });
    expectTypeOf(data).toEqualTypeOf<TokenResponse | undefined>();
    expectTypeOf(error).toEqualTypeOf<ErrorResponse | undefined>();

    void client.api.POST('/v2/mobile/phone/confirm', {
      params: { header: merchantHeader },
      // @ts-expect-error grant_type takes only its literal
      body: { grant_type: 'password', number: '+447871239999', password: '1234Qwerty' },
    });
  });

  it('leaves out X-Merchant-ID, which the client sends for it, but still types it and the body', () => {
    const body = { grant_type: 'mobile_phone', number: '+447871239999', password: '1234Qwerty' } as const;
    void client.api.POST('/v2/mobile/phone/confirm', { body });
    void client.paths['/v2/mobile/phone/confirm'].POST({ body });
    void client.api.POST('/v2/mobile/phone/confirm', { params: { header: {} }, body });

    // @ts-expect-error a merchant id is a string
    void client.api.POST('/v2/mobile/phone/confirm', { params: { header: { 'X-Merchant-ID': 42 } }, body });
    // @ts-expect-error the body is still required
    void client.api.POST('/v2/mobile/phone/confirm', {});
    // @ts-expect-error and so is the init that holds it
    void client.api.POST('/v2/mobile/phone/confirm');
  });
});
