#!/usr/bin/env node
// `spec-gate`: the release steps that depend on the API's changes. `check` (the default, part of `pnpm test`) fails
// when the pending changesets announce less than the spec's changes since the last release need; `version` and
// `publish` are `pnpm version-packages` and `pnpm release`.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundledSpecJson } from '@vault/spec';
import { changelog } from './changelog.js';
import { missingChangesetMessage, runGate } from './gate.js';
import { publishRelease } from './publish.js';
import { versionPackages } from './version.js';

const usage = `Usage: spec-gate [check] [--base FILE] [--head FILE]
       spec-gate version
       spec-gate publish

check    compares --head (default: the bundled @vault/spec) with --base (default: the last release, tagged
         @vault/spec@<version>) and fails when the pending changesets (or a version already applied) announce less
         than the changes need: major for a breaking change, minor for an addition, patch for prose.
version  runs check, adds the API changelog as a changeset, runs \`changeset version\`, and sets info.version.
publish  checks that the registry npm is configured with answers, then runs \`changeset publish\`.`;

const repoDir = fileURLToPath(new URL('../../../', import.meta.url));

async function check(base: string | undefined, head: string | undefined): Promise<number> {
  const headFile = head ?? bundledSpecJson;
  const result = await runGate({ repoDir, headFile, baseFile: base });
  if (!result.judged) {
    console.log(`spec-gate: ${result.reason}; nothing to judge.`);
    return 0;
  }
  console.log(`spec-gate: ${result.baseName} (version ${result.baseVersion}) against ${headFile}`);
  console.log(changelog(result.changes));
  if (!result.verdict.passes) {
    console.error(missingChangesetMessage(result));
    return 1;
  }
  if (result.changes.length > 0) {
    const planned = result.verdict.planned.map(({ name, bump }) => `${name} ${bump}`).join(', ');
    console.log(`spec-gate: the release plans enough (needs ${result.verdict.required}; plans ${planned}).`);
  }
  return 0;
}

async function main(): Promise<number> {
  let parsed: { values: { base?: string; head?: string; help?: boolean }; positionals: string[] };
  try {
    parsed = parseArgs({
      options: { base: { type: 'string' }, head: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`spec-gate: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command = 'check', ...extra] = positionals;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (extra.length > 0 || !['check', 'version', 'publish'].includes(command)) {
    console.error(`spec-gate: unknown command "${positionals.join(' ')}"\n\n${usage}`);
    return 2;
  }
  try {
    if (command === 'check') return await check(values.base, values.head);
    if (command === 'version') {
      const version = await versionPackages(repoDir, bundledSpecJson);
      console.log(`spec-gate: versioned; @vault/spec and info.version are ${version}. Review, commit, then release.`);
      return 0;
    }
    await publishRelease(repoDir);
    return 0;
  } catch (error) {
    console.error(`spec-gate ${command}: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
