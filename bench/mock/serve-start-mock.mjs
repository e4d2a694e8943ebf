// Child process of the benchmark: startMock() as a test would use it, quiet, on the port given.
import { startMock } from '@vault/mock';

const mock = await startMock({ port: Number(process.argv[2]) });
process.once('SIGTERM', () => mock.close().then(() => process.exit(0)));
