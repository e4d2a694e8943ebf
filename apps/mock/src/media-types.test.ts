import { describe, expect, it } from 'vitest';
import { declaredTakes, decodeUtf8, isJsonMediaType, isMediaType, mediaTypeOf } from './media-types.js';

describe('mediaTypeOf', () => {
  it.each<[string | undefined, string | undefined]>([
    ['Application/JSON; charset=utf-8', 'application/json'],
    ['  text/plain ', 'text/plain'],
    ['text/plain;charset=utf-8;\n format=flowed', 'text/plain'],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (given, want) => {
    expect(mediaTypeOf(given)).toBe(want);
  });
});

describe('isMediaType', () => {
  it.each<[string | undefined, boolean]>([
    ['application/json', true],
    ['application/vnd.api+json', true],
    ['*/*', true],
    ['garbage', false],
    ['text/', false],
    ['a b/c', false],
    ['text/plain junk', false],
    [undefined, false],
  ])('says %j is a media type: %s', (given, want) => {
    expect(isMediaType(given)).toBe(want);
  });
});

describe('isJsonMediaType', () => {
  it.each<[string | undefined, boolean]>([
    ['application/json', true],
    ['application/problem+json', true],
    ['application/vnd.api+json', true],
    ['application/jsonp', false],
    ['text/json', false],
    ['x-application/json', false],
    ['application/json+x', false],
    ['application/x-www-form-urlencoded', false],
    [undefined, false],
  ])('says %j is JSON: %s', (given, want) => {
    expect(isJsonMediaType(given)).toBe(want);
  });
});

describe('declaredTakes', () => {
  it.each<[string, string, boolean]>([
    ['application/json', 'application/json', true],
    ['application/json; charset=utf-8', 'application/json', true],
    ['Application/JSON', 'application/json', true],
    ['application/*', 'application/octet-stream', true],
    ['*/*', 'text/plain', true],
    ['image/*', 'text/plain', false],
    ['application/json', 'application/problem+json', false],
    ['text/plain', 'text/html', false],
    ['', 'text/plain', false],
  ])('says %s takes %s: %s', (declared, actual, want) => {
    expect(declaredTakes(declared, actual)).toBe(want);
  });
});

describe('decodeUtf8', () => {
  it('decodes UTF-8 and refuses bytes that are not', () => {
    expect([decodeUtf8(Buffer.from('é')), decodeUtf8(Uint8Array.of(0xc3, 0x28))]).toEqual(['é', undefined]);
  });
});
