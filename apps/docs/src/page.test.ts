import { readFileSync } from 'node:fs';
import { mockErrors } from '@vault/mock';
import { readBundledSpec } from '@vault/spec/document';
import { errorCatalogue } from '@vault/spec/errors';
import { expect, it } from 'vitest';

const built = (file: string) => readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');

it('renders the decorated bundle as it is: build-docs does not run the decorators again', () => {
  // build-docs writes the document it renders into the page, as `const __redoc_definition = {...};`.
  const definition = /const __redoc_definition = (.*);\n/.exec(built('index.html'))?.[1];
  expect(definition, 'the page has no __redoc_definition').toBeDefined();
  expect(JSON.parse(definition as string)).toEqual(JSON.parse(built('openapi.decorated.json')));
});

it.each(Object.entries(mockErrors))(
  'lists %s, which the mock sends, in the error catalogue as the mock sends it',
  (code, sent) => {
    const listed = errorCatalogue(readBundledSpec()).find(({ error }) => error === code);
    expect(listed).toMatchObject({ status: sent.status, errorId: sent.errorId });
  },
);
