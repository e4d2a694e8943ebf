import { expect, inject, it } from 'vitest';
import { runJourneys } from './arazzo.js';

it(`every Arazzo journey passes against ${inject('target')}`, async () => {
  const { code, output } = await runJourneys(inject('baseUrl'));
  expect(output).toMatch(/Workflows: (\d+) passed, \1 total/);
  expect(code).toBe(0);
});
