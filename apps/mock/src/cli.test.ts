import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { formHeaders } from './test-support.js';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
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

  it.each([
    ['a port that is not a number', ['--port', 'http'], 2, /--port must be a number/],
    ['an unknown flag', ['--verbose'], 2, /Unknown option/],
    ['a spec that does not exist', ['--port', '0', '--spec', 'missing.yaml'], 1, /cannot start/],
  ])('refuses %s with a clear message', async (_name, args, exitCode, message) => {
    const mock = startCli(args);
    expect(await mock.exited).toBe(exitCode);
    expect(mock.output()).toMatch(message);
  });
});
