export { type TestInput, testInputsExtension } from '@vault/spec/test-inputs';
export { type MockErrorBody, mockErrors } from './errors.js';
export { healthPath } from './handler.js';
export { defaultLimits, type MockLimits } from './limits.js';
export { type MockOptions, type RunningMock, startMock } from './server.js';
