import { createLogger } from '@stoplight/prism-core';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { createServer } from '@stoplight/prism-http-server';
import { bundledSpecYaml } from '@vault/spec';

export async function startValidatingProxy(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  const operations = await getHttpOperationsFromSpec(bundledSpecYaml);
  const server = createServer(operations, {
    cors: false,
    components: { logger: createLogger('contract-proxy', { level: 'silent' }) },
    config: {
      isProxy: true,
      upstream: new URL(upstream),
      upstreamProxy: undefined,
      mock: { dynamic: false },
      validateRequest: false,
      validateResponse: true,
      checkSecurity: false,
      errors: true,
    },
  });
  const url = await server.listen(0, '127.0.0.1');
  return { url, close: () => server.close() };
}
