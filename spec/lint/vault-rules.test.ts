import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const specDir = fileURLToPath(new URL('..', import.meta.url));

interface LintReport {
  problems: { ruleId: string; message: string }[];
}

/** Lints one fixture with the project's own redocly.yaml, as `pnpm lint` does, and returns the rule ids reported. */
async function reportedRules(fixture: string): Promise<string[]> {
  const args = [
    'exec',
    'redocly',
    'lint',
    `lint/fixtures/${fixture}`,
    '--config',
    '../redocly.yaml',
    '--format',
    'json',
  ];
  // redocly exits 1 when it finds problems; the report on stdout is what this test reads either way.
  const stdout = await run('pnpm', args, { cwd: specDir }).then(
    (ok) => ok.stdout,
    (failed: { stdout?: string }) => failed.stdout ?? '',
  );
  const report = JSON.parse(stdout) as LintReport;
  return report.problems.map((problem) => problem.ruleId);
}

describe.concurrent('project lint rules', () => {
  it.each([
    ['operation-documented.yaml', 'rule/operation-documented'],
    ['operation-tagged.yaml', 'rule/operation-tagged'],
    ['server-https.yaml', 'rule/server-https'],
    ['schema-property-described.yaml', 'vault/schema-property-described'],
    ['password-write-only.yaml', 'vault/password-write-only'],
    ['client-error-uses-error-response.yaml', 'vault/client-error-uses-error-response'],
    ['no-unused-components.yaml', 'no-unused-components'],
  ])('%s is reported by %s', async (fixture, ruleId) => {
    expect(await reportedRules(fixture)).toContain(ruleId);
  });

  it('the fixtures differ from a spec that passes every rule', async () => {
    expect(await reportedRules('valid.yaml')).toEqual([]);
  });
});
