import { readFileSync } from 'node:fs';
import type { ErrorCode } from '@vault/spec/errors';
import { describe, expect, it } from 'vitest';
import { changesSection, errorsSection } from '../sections.mjs';

// As `pnpm version-packages` writes it: Changesets' CHANGELOG.md, with the gate's list of API changes per release.
const changelog = readFileSync(new URL('fixtures/CHANGELOG.md', import.meta.url), 'utf8');

describe('the Changes section', () => {
  it('says so when there is no release history yet', () => {
    expect(changesSection(undefined, '2.0.0')).toBe('No release has changed the API yet: 2.0.0 is its first version.');
  });

  it('lists each release of the changelog, newest first, under its version', () => {
    const section = changesSection(changelog, '3.0.0');
    expect(section.indexOf('## 3.0.0')).toBeGreaterThan(0);
    expect(section.indexOf('## 2.1.0')).toBeGreaterThan(section.indexOf('## 3.0.0'));
    expect(section).toContain('- **Breaking:** `POST /v2/mobile/phone/confirm request body number`: the pattern');
    expect(section).toContain('  - `POST /v2/mobile/phone/confirm 200 refresh_token`: a response field is added');
  });

  it.each([
    ["the package's name, a heading above the versions'", '# @vault/spec'],
    ["the changes' commits", '4f2a9c1'],
  ])('leaves out %s', (_what, text) => {
    expect(changesSection(changelog, '3.0.0')).not.toContain(text);
  });

  it('refuses a changelog without a version, which Changesets did not write', () => {
    expect(() => changesSection('# @vault/spec\n\nNothing here.\n', '2.0.0')).toThrow('no "## <version>" heading');
  });
});

describe('the Errors section', () => {
  const entry = (error: string, errorId: number, mockOnly: boolean): ErrorCode => ({
    error,
    errorId,
    status: 400,
    meaning: `What ${error} means.`,
    nextStep: 'What to do next.',
    mockOnly,
  });
  const section = errorsSection([entry('COMMON', 0, false), entry('NOT_FOUND', 3, true)]);

  it('has one item per code, in the order of the catalogue, marked mock only when it is', () => {
    expect(section.slice(section.indexOf('\n\n- '))).toBe(
      [
        '',
        '',
        '- **`COMMON`** errorId 0, HTTP 400: What COMMON means.',
        '  **Next:** What to do next.',
        '- **`NOT_FOUND`** errorId 3, HTTP 400, *mock only*: What NOT_FOUND means.',
        '  **Next:** What to do next.',
      ].join('\n'),
    );
  });
});
