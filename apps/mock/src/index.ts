export { type MockErrorBody, mockErrors } from './errors.js';
export { defaultLimits, healthPath, type MockLimits, type MockOptions, type RunningMock, startMock } from './mock.js';
export { type TestInput, testInputsExtension } from './test-inputs.js';
