import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { formHeaders } from './test-support.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const brokenSpec = join(mkdtempSync(join(tmpdir(), 'vault-mock-cli-')), 'broken.yaml');
writeFileSync(brokenSpec, 'openapi: 3.1.0\ninfo: [\n  x: 1\n');
const running: ChildProcessWithoutNullStreams[] = [];

function startCli(args: string[], env: Record<string, string> = {}) {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`pnpm build\` first (turbo does before tests)`);
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env } });
  running.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) {
          child.stdout.off('data', check);
          resolve(match);
        }
      };
      child.stdout.on('data', check);
      child.once('exit', () => reject(new Error(`exited before printing ${pattern}:\n${output}`)));
      check();
    });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, waitFor, exited, output: () => output };
}

afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});

describe('vault-mock', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints its URL, logs each request without the password, and stops on %s',
    async (signal) => {
      const mock = startCli(['--port', '0']);
      const [, url] = await mock.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const secret = 'S3cret-Passw0rd';
      await fetch(`${url}/v2/mobile/phone/confirm`, {
        method: 'POST',
        headers: formHeaders,
        body: `grant_type=mobile_phone&number=%2B447871239999&password=${secret}`,
      });
      await mock.waitFor(/POST \/v2\/mobile\/phone\/confirm 200 [\d.]+ms/);
      mock.child.kill(signal);
      expect(await mock.exited).toBe(0);
      expect(mock.output()).toContain(`stopped (${signal})`);
      expect(mock.output()).not.toContain(secret);
    },
  );

  it('takes its port and host from PORT and HOST when no flag is given', async () => {
    const mock = startCli([], { PORT: '0', HOST: 'localhost' });
    const [, host, port] = await mock.waitFor(/listening on http:\/\/(.+):(\d+)/);
    expect(host).toMatch(/^(127\.0\.0\.1|\[::1\])$/);
    expect(port).not.toBe('4010');
  });

  it('logs the error code and field of each refused request', async () => {
    const mock = startCli(['--port', '0']);
    const [, url] = await mock.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    await fetch(`${url}/v2/mobile/phone/confirm`, {
      method: 'POST',
      headers: formHeaders,
      body: 'grant_type=mobile_phone&number=12&password=x',
    });
    await mock.waitFor(/POST \/v2\/mobile\/phone\/confirm 400 VALIDATION field=number [\d.]+ms/);
  });

  it('prints its version', async () => {
    const mock = startCli(['--version']);
    expect(await mock.exited).toBe(0);
    expect(mock.output().trim()).toBe(`vault-mock ${version}`);
  });

  /** A bad port, from the flag or from PORT: refused in one line that names where it came from and the value. */
  const badPort = (source: '--port' | 'PORT', value: string) => ({
    given: source === 'PORT' ? { args: [], env: { PORT: value } } : { args: [`--port=${value}`] },
    want: {
      code: 2,
      message: new RegExp(
        `^vault-mock: ${source} must be a number from 0 to 65535, not "${value.replaceAll('.', '\\.')}"$`,
        'm',
      ),
    },
  });

  it.each<
    [string, { given: { args: string[]; env?: Record<string, string> }; want: { code: number; message: RegExp } }]
  >([
    ['a port that is not a number', badPort('--port', 'http')],
    ['a PORT that is not a number, by its name', badPort('PORT', 'abc')],
    ['a negative port', badPort('--port', '-1')],
    ['a port that is not whole', badPort('--port', '1.5')],
    ['a PORT above 65535', badPort('PORT', '70000')],
    ['an empty PORT, rather than taking it for 0 (a random port)', badPort('PORT', '')],
    ['an unknown flag', { given: { args: ['--verbose'] }, want: { code: 2, message: /Unknown option/ } }],
    [
      'a spec that does not exist',
      { given: { args: ['--port', '0', '--spec', 'missing.yaml'] }, want: { code: 1, message: /cannot start/ } },
    ],
    [
      'a spec that is not YAML, once, with the line and the reason',
      {
        given: { args: ['--port', '0', '--spec', brokenSpec] },
        want: {
          code: 1,
          message:
            /^vault-mock: cannot start: \S+broken\.yaml: unexpected end of the stream within a flow collection at line 4, column 1$/m,
        },
      },
    ],
  ])('refuses %s with a clear message', async (_name, { given, want }) => {
    const mock = startCli(given.args, given.env);
    expect(await mock.exited).toBe(want.code);
    expect(mock.output()).toMatch(want.message);
    expect(mock.output()).not.toMatch(/Error parsing|:\s*$/m);
  });
});
