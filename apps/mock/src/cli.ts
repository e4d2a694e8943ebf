#!/usr/bin/env node
// `vault-mock`: the mock for people. Flags win over PORT/HOST; one line per request; SIGINT or SIGTERM stop it cleanly.
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { startMock } from './server.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const usage = `Usage: vault-mock [--port N] [--host ADDRESS] [--spec FILE] [--watch] [--version]

Serves a mock of the Vault API (default http://127.0.0.1:4010). PORT and HOST set the defaults.
--watch reloads the spec when its file changes, and keeps the last good one when it fails to load.`;

function fail(message: string, exitCode: number): never {
  console.error(`vault-mock: ${message}`);
  process.exit(exitCode);
}

function parseOptions() {
  try {
    const { values } = parseArgs({
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        spec: { type: 'string' },
        watch: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    if (values.help || values.version) {
      console.log(values.help ? usage : `vault-mock ${version}`);
      process.exit(0);
    }
    const portText = values.port ?? process.env.PORT ?? '4010';
    return {
      portText,
      portSource: values.port === undefined ? 'PORT' : '--port',
      // listen refuses any port but a whole number from 0 to 65535. Number('') is 0, a random port: blank is refused.
      port: portText.trim() === '' ? Number.NaN : Number(portText),
      host: values.host ?? process.env.HOST ?? '127.0.0.1',
      watch: values.watch ?? false,
      ...(values.spec ? { spec: values.spec } : {}),
    };
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${usage}`, 2);
  }
}

const { portText, portSource, ...options } = parseOptions();
const mock = await startMock({ ...options, log: (line) => console.log(line) }).catch((error: NodeJS.ErrnoException) =>
  error.code === 'ERR_SOCKET_BAD_PORT'
    ? fail(`${portSource} must be a number from 0 to 65535, not "${portText}"\n\n${usage}`, 2)
    : fail(`cannot start: ${error.message}`, 1),
);
console.log(`Vault mock listening on ${mock.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    mock.close().then(
      () => {
        console.log(`Vault mock stopped (${signal})`);
        process.exit(0);
      },
      (error: Error) => fail(`failed to stop: ${error.message}`, 1),
    );
  });
}
