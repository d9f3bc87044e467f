/**
 * An account's identity-providers.json becomes its registered OIDC and SAML providers.
 *
 * The documented shape is `{ "OpenIDConnectProviders": [{"Arn","Url","ClientIDList"}],
 * "SAMLProviders": [{"Arn"}] }`. The AWS CLI's own list outputs are accepted too
 * (`OpenIDConnectProviderList`, `SAMLProviderList`): a provider listed without its Url takes it
 * from its ARN. `Url` is kept as IAM stores it, host and path without `https://` (a scheme is
 * removed, with a warning).
 *
 * When the file exists, a provider it does not list is not registered in the account (a
 * federated trust naming it cannot be used), so a provider entry is dropped only when its ARN
 * is unusable.
 */
import { parseArn } from '../arn/parse-arn.js';
import { isRecord, quote, rootNode, type FileReader, type JsonNode } from './json-reader.js';
import type { OidcProvider, SamlProvider } from './types.js';

export interface IdentityProviders {
  oidc: OidcProvider[];
  saml: SamlProvider[];
}

export interface IdentityProvidersContext {
  accountId: string;
  reader: FileReader;
}

/** Reads identity-providers.json; undefined (reported) when it is not an object at all. */
export function normalizeIdentityProviders(
  raw: unknown,
  ctx: IdentityProvidersContext,
): IdentityProviders | undefined {
  const { reader } = ctx;
  if (!isRecord(raw)) {
    reader.error(
      '$',
      'expected an object with "OpenIDConnectProviders" and "SAMLProviders"; the file is ignored',
    );
    return undefined;
  }
  const root = rootNode(raw);
  const out: IdentityProviders = { oidc: [], saml: [] };
  const seen = new Set<string>();

  for (const node of listOf(
    root,
    ['OpenIDConnectProviders', 'OpenIDConnectProviderList'],
    reader,
    'OIDC providers',
  )) {
    const arn = readProviderArn(node, 'oidc-provider', ctx);
    if (arn === undefined || !firstTime(arn, node, seen, reader)) continue;
    const fromArn = arn.resource.slice('oidc-provider/'.length);
    const urlNode = reader.field(node, 'Url');
    let url = reader.string(urlNode);
    if (url === undefined) {
      url = fromArn;
      if (urlNode.value === undefined)
        reader.warning(urlNode.path, `Url is missing: taken from the Arn (${quote(url)})`);
    } else if (/^https?:\/\//i.test(url)) {
      const bare = url.replace(/^https?:\/\//i, '');
      reader.warning(urlNode.path, `Url ${quote(url)} has a scheme; IAM stores ${quote(bare)}`);
      url = bare;
    }
    const clientIds: string[] = [];
    for (const id of reader.list(reader.field(node, 'ClientIDList'), 'client ids')) {
      const value = reader.string(id);
      if (value !== undefined) clientIds.push(value);
    }
    out.oidc.push({ arn: arn.text, url, clientIds });
  }

  for (const node of listOf(
    root,
    ['SAMLProviders', 'SAMLProviderList'],
    reader,
    'SAML providers',
  )) {
    const arn = readProviderArn(node, 'saml-provider', ctx);
    if (arn === undefined || !firstTime(arn, node, seen, reader)) continue;
    out.saml.push({ arn: arn.text });
  }
  return out;
}

/** The items of the first of `keys` present (the documented key first). */
function listOf(
  root: JsonNode,
  keys: readonly string[],
  reader: FileReader,
  what: string,
): JsonNode[] {
  for (const key of keys) {
    const node = reader.field(root, key);
    if (node.value !== undefined) return reader.list(node, what);
  }
  return [];
}

interface ProviderArn {
  text: string;
  resource: string;
}

function readProviderArn(
  node: JsonNode,
  kind: 'oidc-provider' | 'saml-provider',
  ctx: IdentityProvidersContext,
): ProviderArn | undefined {
  const { reader } = ctx;
  // A bare ARN string is accepted for a provider entry.
  const arnNode = typeof node.value === 'string' ? node : reader.field(node, 'Arn');
  const text = reader.string(arnNode, 'Arn');
  if (text === undefined) return undefined;
  const arn = parseArn(text);
  if (
    arn?.service !== 'iam' ||
    !arn.resource.startsWith(`${kind}/`) ||
    arn.resource.length === kind.length + 1
  ) {
    reader.error(arnNode.path, `${quote(text)} is not an IAM ${kind} ARN; the provider is skipped`);
    return undefined;
  }
  if (arn.accountId !== ctx.accountId) {
    reader.error(
      arnNode.path,
      `${quote(text)} belongs to account ${quote(arn.accountId)}, not ${ctx.accountId} (the folder's account); the provider is skipped`,
    );
    return undefined;
  }
  return { text, resource: arn.resource };
}

function firstTime(
  arn: ProviderArn,
  node: JsonNode,
  seen: Set<string>,
  reader: FileReader,
): boolean {
  if (seen.has(arn.text)) {
    reader.warning(node.path, `duplicate entry for ${quote(arn.text)}: the first one is kept`);
    return false;
  }
  seen.add(arn.text);
  return true;
}
