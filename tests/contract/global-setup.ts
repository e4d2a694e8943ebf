// Starts what the contract suite checks: the mock, or, when VAULT_BASE_URL names a server, that server behind
// Prism's validating proxy. Tests read its URL with inject('baseUrl').
import { startMock } from '@vault/mock';
import type { TestProject } from 'vitest/node';
import { startValidatingProxy } from './src/validating-proxy.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** 'mock', or the real server's URL. */
    target: string;
  }
}

export default async function startTarget(project: TestProject) {
  const realServer = process.env.VAULT_BASE_URL;
  const running = realServer ? await startValidatingProxy(realServer) : await startMock();
  project.provide('baseUrl', running.url);
  project.provide('target', realServer ?? 'mock');
  return () => running.close();
}
