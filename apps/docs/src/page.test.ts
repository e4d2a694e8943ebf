import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const built = (file: string) => readFileSync(new URL(`../dist/${file}`, import.meta.url), 'utf8');

it('renders the decorated bundle as it is: build-docs does not run the decorators again', () => {
  // build-docs writes the document it renders into the page, as `const __redoc_definition = {...};`.
  const definition = /const __redoc_definition = (.*);\n/.exec(built('index.html'))?.[1];
  expect(definition, 'the page has no __redoc_definition').toBeDefined();
  expect(JSON.parse(definition as string)).toEqual(JSON.parse(built('openapi.json')));
});
