import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const specDir = fileURLToPath(new URL('..', import.meta.url));

/** Lints every fixture in one run with the project's own redocly.yaml, as `pnpm lint` does: rule ids by fixture. */
async function reportedRulesByFixture(): Promise<Map<string, string[]>> {
  const args = ['exec', 'redocly', 'lint', 'lint/fixtures/*.yaml'];
  // redocly exits 1 when it finds problems; the report on stdout is what this test reads either way.
  const stdout = await run('pnpm', [...args, '--format', 'github-actions'], { cwd: specDir, shell: true }).then(
    (ok) => ok.stdout,
    (failed: { stdout?: string }) => failed.stdout ?? '',
  );
  const rules = new Map<string, string[]>();
  for (const [, ruleId = '', file = ''] of stdout.matchAll(/^::\w+ title=([^,]+),file=lint\/fixtures\/([^,]+),/gm)) {
    rules.set(file, [...(rules.get(file) ?? []), ruleId]);
  }
  return rules;
}

let reported: Map<string, string[]>;
beforeAll(async () => {
  reported = await reportedRulesByFixture();
}, 60_000);

describe('project lint rules', () => {
  it.each([
    ['operation-documented.yaml', 'rule/operation-documented'],
    ['operation-tagged.yaml', 'rule/operation-tagged'],
    ['server-https.yaml', 'rule/server-https'],
    ['schema-property-described.yaml', 'vault/schema-property-described'],
    ['password-write-only.yaml', 'vault/password-write-only'],
    ['client-error-uses-error-response.yaml', 'vault/client-error-uses-error-response'],
    ['no-unused-components.yaml', 'no-unused-components'],
  ])('%s is reported by %s', (fixture, ruleId) => {
    expect(reported.get(fixture)).toContain(ruleId);
  });

  it('the fixtures differ from a spec that passes every rule', () => {
    expect(reported.get('valid.yaml')).toBeUndefined();
  });
});
