#!/usr/bin/env node
// `vault-mock`: the mock for people. Flags win over PORT/HOST; one line per request; SIGINT or SIGTERM stop it cleanly.
// With --workers N above 1, this process is the primary of N worker processes (node:cluster) that share its port, each
// with the spec loaded: the primary reports when all of them listen, and stops them all.
import cluster from 'node:cluster';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { startMock } from './server.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

const usage = `Usage: vault-mock [--port N] [--host ADDRESS] [--spec FILE] [--watch] [--workers N] [--version]

Serves a mock of the Vault API (default http://127.0.0.1:4010). PORT and HOST set the defaults.
--watch reloads the spec when its file changes, and keeps the last good one when it fails to load.
--workers N serves from N processes that share the port (default 1); with --watch, each of them reloads.`;

const signals = ['SIGINT', 'SIGTERM'] as const;
/** More processes than this is a typo, not a machine. */
const maxWorkers = 64;

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
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
    if (values.help || values.version) {
      console.log(values.help ? usage : `vault-mock ${version}`);
      process.exit(0);
    }
    const workersText = values.workers ?? '1';
    const workers = Number(workersText); // Number('') is 0: blank is refused with the rest
    if (!Number.isInteger(workers) || workers < 1 || workers > maxWorkers) {
      fail(`--workers must be a whole number from 1 to ${maxWorkers}, not "${workersText}"\n\n${usage}`, 2);
    }
    const portText = values.port ?? process.env.PORT ?? '4010';
    return {
      portText,
      portSource: values.port === undefined ? 'PORT' : '--port',
      workers,
      options: {
        // listen refuses any port but a whole number from 0 to 65535, and says so below; blank is refused with it.
        port: portText.trim() === '' ? Number.NaN : Number(portText),
        host: values.host ?? process.env.HOST ?? '127.0.0.1',
        watch: values.watch ?? false,
        ...(values.spec ? { spec: values.spec } : {}),
      },
    };
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${usage}`, 2);
  }
}

const { portText, portSource, workers, options } = parseOptions();

/** Why the mock could not start, in one line, and the exit code that goes with it. */
function startFailure(error: NodeJS.ErrnoException): { message: string; exitCode: number } {
  return error.code === 'ERR_SOCKET_BAD_PORT'
    ? { message: `${portSource} must be a number from 0 to 65535, not "${portText}"\n\n${usage}`, exitCode: 2 }
    : { message: `cannot start: ${error.message}`, exitCode: 1 };
}

/** What a worker tells the primary. */
type WorkerReport = { kind: 'listening'; url: string } | { kind: 'failed'; message: string; exitCode: number };

/** Serves the mock in this process: the whole mock, or one of the primary's workers. */
async function serve(): Promise<void> {
  const report = (message: WorkerReport) => process.send?.(message);
  const mock = await startMock({ ...options, log: (line) => console.log(line) }).catch(
    (error: NodeJS.ErrnoException) => {
      const { message, exitCode } = startFailure(error);
      if (!cluster.isWorker) fail(message, exitCode);
      report({ kind: 'failed', message, exitCode });
      process.exit(exitCode); // the primary says why, once for all its workers
    },
  );
  if (cluster.isWorker) report({ kind: 'listening', url: mock.url });
  else console.log(`Vault mock listening on ${mock.url}`);

  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    mock.close().then(
      () => {
        if (!cluster.isWorker) console.log(`Vault mock stopped (${reason})`);
        process.exit(0);
      },
      (error: Error) => fail(`failed to stop: ${error.message}`, 1),
    );
  };
  for (const signal of signals) process.once(signal, () => stop(signal));
  // A worker whose primary is gone (killed outright) stops too, rather than linger.
  if (cluster.isWorker) process.once('disconnect', () => stop('disconnect'));
}

/** Starts `count` workers and stands for them: one line when all listen, one failure for all, a clean stop. */
function superviseWorkers(count: number): void {
  let stopping = false;
  const listening = new Set<number>();
  const stopWorkers = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  cluster.on('message', (worker, report: WorkerReport) => {
    if (report.kind === 'failed') {
      if (stopping) return;
      stopWorkers();
      fail(report.message, report.exitCode);
    }
    listening.add(worker.id);
    if (listening.size === count) console.log(`Vault mock listening on ${report.url} (${count} workers)`);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    stopWorkers();
    fail(
      `worker ${worker.process.pid} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the others`,
      1,
    );
  });
  for (const signal of signals) {
    process.once(signal, () => {
      stopWorkers();
      const exited = Object.values(cluster.workers ?? {}).map(
        (worker) => new Promise((resolve) => worker?.once('exit', resolve)),
      );
      Promise.all(exited).then(() => {
        console.log(`Vault mock stopped (${signal})`);
        process.exit(0);
      });
    });
  }
  for (let index = 0; index < count; index++) cluster.fork();
}

if (workers > 1 && cluster.isPrimary) superviseWorkers(workers);
else await serve();
