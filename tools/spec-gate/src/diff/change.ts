// What the gate reports: each change between two documents, whether it breaks a consumer, and where it is.

/** Keywords whose change makes the set of values a schema allows smaller (narrowed) or larger (widened). */
type Narrowable =
  | 'enum'
  | 'const'
  | 'range'
  | 'multiple-of'
  | 'length'
  | 'item-count'
  | 'property-count'
  | 'items'
  | 'composition';

export type ChangeKind =
  | 'path-removed'
  | 'path-added'
  | 'operation-removed'
  | 'operation-added'
  | 'operation-renamed'
  | 'parameter-added'
  | 'required-parameter-added'
  | 'parameter-became-required'
  | 'parameter-removed'
  | 'request-body-became-required'
  | 'request-content-type-removed'
  | 'request-content-type-added'
  | 'response-status-removed'
  | 'response-status-added'
  | 'response-content-type-removed'
  | 'response-content-type-added'
  | 'response-header-removed'
  | 'response-header-added'
  | 'response-header-became-optional'
  | 'type-changed'
  | 'request-field-added'
  | 'required-request-field-added'
  | 'request-field-became-required'
  | 'request-field-became-optional'
  | 'request-field-removed'
  | 'response-field-added'
  | 'response-field-removed'
  | 'response-field-became-optional'
  | 'response-field-became-required'
  | `${Narrowable}-narrowed`
  | `${Narrowable}-widened`
  | 'const-changed'
  | 'multiple-of-changed'
  | 'pattern-narrowed'
  | 'pattern-removed'
  | 'format-changed'
  | 'additional-properties-refused'
  | 'description-changed'
  | 'security-required'
  | 'security-changed'
  | 'version-changed'
  | 'other-change';

export interface SpecChange {
  kind: ChangeKind;
  breaking: boolean;
  /** Where, as `POST /path` plus a path into the operation; for a change no rule classifies, its pointer. */
  location: string;
  message: string;
  /** The JSON pointer of what changed, in the documents with every `$ref` resolved. */
  pointer: string;
}

export type Direction = 'request' | 'response';

/** How a change moves the set of values a schema allows; `changed` is neither a subset nor a superset. */
export type Effect = 'narrowed' | 'widened' | 'changed';

/**
 * Whether a change of that effect breaks a consumer: fewer values allowed in a request refuses requests that used to
 * work; more values allowed in a response sends clients values they were never written for.
 */
export const breaks = (effect: Effect, direction: Direction): boolean =>
  effect === 'changed' || (effect === 'narrowed') === (direction === 'request');
