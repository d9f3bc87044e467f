/**
 * A policy document field of a snapshot file, decoded (decode-policy-document.ts) with its
 * problems recorded at the field's JSON path: one issue per problem, saying what was wrong and
 * what it means for the load.
 */
import type { PolicyJson } from './types.js';
import { decodePolicyDocument, type DecodedPolicyDocument } from './decode-policy-document.js';
import type { FileReader, JsonNode } from './json-reader.js';

export interface DocumentExpectation {
  /** Names the field when it is required: absent → error `${required} is missing; …`. */
  required?: string;
  /**
   * What a missing or undecodable document means, e.g. `the role is loaded without a trust
   * policy` (a function when building the text costs: it is called only on failure).
   */
  consequence: string | (() => string);
  /** `warning` when a bad document loses nothing the analysis relies on (default `error`). */
  severity?: 'error' | 'warning';
}

/**
 * Decodes the document at `node`. Undecodable: undefined and an error with the reason and the
 * consequence. Absent: undefined (an error when `required`). Cleaned up (stray whitespace): the
 * document and one warning saying what was cleaned.
 */
export function readPolicyDocument(
  reader: FileReader,
  node: JsonNode,
  expectation: DocumentExpectation,
): PolicyJson | undefined {
  if (node.value === undefined || node.value === null) {
    if (expectation.required !== undefined) {
      reader.error(
        node.path,
        `${expectation.required} is missing; ${consequenceOf(expectation)}`,
        true,
      );
    }
    return undefined;
  }
  const decoded = decodeShared(reader, node.value);
  if (!decoded.ok) {
    const message = `${decoded.reason}; ${consequenceOf(expectation)}`;
    if (expectation.severity === 'warning') reader.warning(node.path, message);
    else reader.error(node.path, message, true);
    return undefined;
  }
  if (decoded.notes.length > 0) reader.warning(node.path, decoded.notes.join('; '));
  return decoded.document;
}

function consequenceOf(expectation: DocumentExpectation): string {
  const { consequence } = expectation;
  return typeof consequence === 'string' ? consequence : consequence();
}

/**
 * Decodes `value`, once per load for a document given as text (the reader's document cache): a
 * document decoded before is the same, frozen, object. Documents given as objects are each their
 * own.
 */
function decodeShared(reader: FileReader, value: unknown): DecodedPolicyDocument {
  const cache = reader.documents;
  if (cache === undefined || typeof value !== 'string') return decodePolicyDocument(value);
  let decoded = cache.get(value);
  if (decoded === undefined) {
    decoded = decodePolicyDocument(value);
    if (decoded.ok) deepFreeze(decoded.document);
    cache.set(value, decoded);
  }
  return decoded;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
