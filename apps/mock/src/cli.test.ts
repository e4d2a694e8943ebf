import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledSpecJson } from '@vault/spec';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formHeaders, validForm } from './testing/vault-spec.js';

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
      'no workers',
      {
        given: { args: ['--workers', '0'] },
        want: { code: 2, message: /^vault-mock: --workers must be a whole number from 1 to 64, not "0"$/m },
      },
    ],
    [
      'workers that are not a number',
      {
        given: { args: ['--workers=many'] },
        want: { code: 2, message: /^vault-mock: --workers must be a whole number from 1 to 64, not "many"$/m },
      },
    ],
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

/** The processes whose parent is `pid` (Linux: read from /proc). */
function childProcesses(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(pid);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

interface Exchange {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request on a connection of its own, so that the workers take turns; the answer as the caller sees it. */
function exchange(url: string, { method, path, headers = {}, body }: Exchange) {
  return new Promise<{ status: number; allow: string | undefined; body: string }>((resolve, reject) => {
    const sent = request(`${url}${path}`, { method, headers, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, allow: response.headers.allow, body: text }),
      );
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

const confirm = '/v2/mobile/phone/confirm';
/** A request of every kind the mock answers, each sent four times so that every worker answers it. */
const requests: Exchange[] = [
  { method: 'POST', path: confirm, headers: formHeaders, body: validForm },
  { method: 'POST', path: confirm, headers: formHeaders, body: 'grant_type=mobile_phone&number=12&password=x' },
  {
    method: 'POST',
    path: confirm,
    headers: formHeaders,
    body: 'grant_type=mobile_phone&number=%2B447700900400&password=x',
  },
  {
    method: 'POST',
    path: confirm,
    headers: { ...formHeaders, prefer: 'code=400, example=validation' },
    body: validForm,
  },
  { method: 'POST', path: confirm, headers: { ...formHeaders, prefer: 'code=500' }, body: validForm },
  { method: 'GET', path: confirm },
  { method: 'POST', path: '/oauth/token', headers: formHeaders, body: validForm },
  { method: 'GET', path: '/__health' },
].flatMap((one) => [one, one, one, one]);

async function answersOf(args: string[]) {
  const mock = startCli(['--port', '0', ...args]);
  const [, url] = await mock.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  const answers = [];
  for (const one of requests) answers.push(await exchange(url as string, one));
  return answers;
}

describe('vault-mock --workers', () => {
  it('answers every kind of request as one process does', async () => {
    const [one, two] = [await answersOf([]), await answersOf(['--workers', '2'])];
    expect(two).toEqual(one);
    expect(new Set(one.map(({ status }) => status))).toEqual(new Set([200, 400, 404, 405]));
  }, 30_000);

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops all its workers and exits cleanly on %s',
    async (signal) => {
      const mock = startCli(['--port', '0', '--workers', '2']);
      await mock.waitFor(/listening on http:\/\/127\.0\.0\.1:\d+ \(2 workers\)/);
      const workers = childProcesses(mock.child.pid as number);
      expect(workers).toHaveLength(2);
      mock.child.kill(signal);
      expect(await mock.exited).toBe(0);
      expect(mock.output().match(/stopped/g)).toEqual(['stopped']);
      expect(mock.output()).toContain(`Vault mock stopped (${signal})`);
      expect(workers.filter(isRunning)).toEqual([]);
    },
    30_000,
  );

  it('says once, for all its workers, that the spec failed to load', async () => {
    const mock = startCli(['--port', '0', '--workers', '3', '--spec', brokenSpec]);
    expect(await mock.exited).toBe(1);
    expect(mock.output().match(/cannot start/g)).toEqual(['cannot start']);
  }, 30_000);

  it('reloads the spec in every worker with --watch', async () => {
    const specFile = join(mkdtempSync(join(tmpdir(), 'vault-mock-workers-')), 'openapi.json');
    const spec = JSON.parse(readFileSync(bundledSpecJson, 'utf8'));
    writeFileSync(specFile, JSON.stringify(spec));
    const mock = startCli(['--port', '0', '--workers', '2', '--watch', '--spec', specFile]);
    const [, url] = await mock.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    spec.components.examples.Token.value.access_token = 'reloaded-token';
    writeFileSync(specFile, JSON.stringify(spec));
    const valid = requests[0] as Exchange;
    await vi.waitFor(
      async () => {
        const tokens = [];
        for (let turn = 0; turn < 4; turn++)
          tokens.push(JSON.parse((await exchange(url as string, valid)).body).access_token);
        expect(tokens).toEqual(['reloaded-token', 'reloaded-token', 'reloaded-token', 'reloaded-token']);
      },
      { timeout: 15_000, interval: 100 },
    );
    expect(mock.output().match(/Reloaded/g)).toEqual(['Reloaded', 'Reloaded']);
  }, 30_000);
});
