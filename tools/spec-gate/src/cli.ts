#!/usr/bin/env node
// `spec-gate`: compares the bundled spec with its base version, prints the changelog, and fails on a breaking change
// that info.version does not announce with a major bump.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundledSpecJson } from '@vault/spec';
import { changelog, type JsonObject, judge } from './diff.js';
import { bundleSpecAt, resolveBaseRef } from './git-base.js';

const usage = `Usage: spec-gate [--base FILE] [--head FILE]

Compares --head (default: the bundled @vault/spec) with --base (default: spec/ at SPEC_BASE_REF, or at the merge
base with main, or on main at the parent commit). Exits 1 on a breaking change without a major bump of info.version.`;

async function readJson(file: string): Promise<JsonObject> {
  return JSON.parse(await readFile(file, 'utf8'));
}

async function main(): Promise<number> {
  let values: { base?: string | undefined; head?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      options: { base: { type: 'string' }, head: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (error) {
    console.error(`spec-gate: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const headFile = values.head ?? bundledSpecJson;
  const head = await readJson(headFile);
  let base: JsonObject;
  let baseName: string;
  if (values.base) {
    base = await readJson(values.base);
    baseName = values.base;
  } else {
    const repoDir = fileURLToPath(new URL('../../../', import.meta.url));
    const ref = await resolveBaseRef(repoDir);
    const scratch = await mkdtemp(join(tmpdir(), 'vault-spec-gate-'));
    try {
      const bundled = ref !== undefined && (await bundleSpecAt(repoDir, ref, join(scratch, 'base.json')));
      if (!bundled) {
        console.log('spec-gate: no earlier version of spec/ to compare with; nothing to judge.');
        return 0;
      }
      base = await readJson(join(scratch, 'base.json'));
      baseName = `spec/ at ${ref.slice(0, 12)}`;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
  const verdict = judge(base, head);
  const version = (document: JsonObject) => (document.info as { version?: string } | undefined)?.version;
  console.log(`spec-gate: ${baseName} (version ${version(base)}) against ${headFile} (version ${version(head)})`);
  console.log(changelog(verdict));
  if (!verdict.passes) {
    console.error(
      `spec-gate: ${verdict.breaking.length} breaking change(s) and info.version has no major bump ` +
        `(${version(base)} to ${version(head)}). Bump the major version to announce the break, or undo it.`,
    );
    return 1;
  }
  if (verdict.breaking.length > 0)
    console.log(`spec-gate: breaking changes announced by the major version ${version(head)}.`);
  return 0;
}

process.exitCode = await main();
