export {
  type ChangeKind,
  changelog,
  diffSpecs,
  type GateVerdict,
  judge,
  majorVersion,
  type SpecChange,
} from './diff.js';
export { bundleSpecAt, resolveBaseRef } from './git-base.js';
