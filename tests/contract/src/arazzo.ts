// Runs the Arazzo journeys of spec/arazzo with `redocly respect` against a server.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { arazzoJourneys } from '@vault/spec';

const run = promisify(execFile);
const redoclyCli = createRequire(fileURLToPath(import.meta.url)).resolve('@redocly/cli/bin/cli.js');

/** Runs every workflow against `baseUrl`; resolves with respect's exit code and output, whatever they are. */
export async function runJourneys(baseUrl: string): Promise<{ code: number; output: string }> {
  const args = [redoclyCli, 'respect', arazzoJourneys, '--server', `vault=${baseUrl}`];
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', NO_COLOR: '1' };
  return run(process.execPath, args, { env }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (failed: { code: number; stdout: string; stderr: string }) => ({
      code: failed.code,
      output: failed.stdout + failed.stderr,
    }),
  );
}
