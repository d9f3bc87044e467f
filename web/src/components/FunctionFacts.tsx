/**
 * The side panel's part for a Lambda function: its function URLs (address, AuthType, the alias
 * each serves), its aliases (version, own policy) and its published versions (those with their
 * own policy listed, the others counted), from GET /api/node's `lambda`. Unknown is
 * said as unknown, never as "none": a function whose URLs were not collected may have a public
 * one. Every value comes from AWS and is shown as text.
 */
import type {
  FunctionAliasView,
  FunctionDetailView,
  FunctionUrlView,
  FunctionVersionView,
} from '../api/types.js';
import { VisibleText } from './VisibleText.js';

/**
 * The resource policy that decides a URL call: a listed alias's own policy for that alias's URL,
 * else the function's (the engine's reading, shared/authorize/function-aliases.ts).
 */
function deciderOf(url: FunctionUrlView, aliases: readonly FunctionAliasView[] | null): string {
  const alias =
    url.qualifier === undefined ? undefined : aliases?.find((a) => a.name === url.qualifier);
  return alias === undefined ? 'the function policy' : `alias ${alias.name}'s policy`;
}

function UrlRow({
  url,
  aliases,
}: {
  url: FunctionUrlView;
  aliases: readonly FunctionAliasView[] | null;
}) {
  const decider = deciderOf(url, aliases);
  return (
    <li data-testid="function-url" data-auth-type={url.authType}>
      <code className="arn" data-testid="function-url-address">
        {url.url === undefined ? 'address not in the snapshot' : <VisibleText text={url.url} />}
      </code>{' '}
      <span className="badge" data-testid="function-url-auth-type">
        AuthType {url.authType}
      </span>{' '}
      <span className="row-meta" data-testid="function-url-target">
        {url.qualifier === undefined ? (
          'serves the function itself ($LATEST)'
        ) : (
          <>
            serves alias <VisibleText text={url.qualifier} max={120} />
          </>
        )}
      </span>
      <div className="row-meta" data-testid="function-url-meaning">
        {url.authType === 'NONE' ? (
          <>
            AuthType NONE: Lambda does not authenticate callers; who may call is {decider}&apos;s{' '}
            <code>*</code> statements.
          </>
        ) : (
          `AuthType AWS_IAM: only signed requests; the caller's identity policies and ${decider} decide.`
        )}
      </div>
    </li>
  );
}

function AliasRow({ alias }: { alias: FunctionAliasView }) {
  return (
    <li data-testid="function-alias" data-name={alias.name}>
      <strong data-testid="function-alias-name" title={alias.arn}>
        <VisibleText text={alias.name} max={120} />
      </strong>{' '}
      <span className="row-meta">
        →{' '}
        <span data-testid="function-alias-version">
          {alias.functionVersion === undefined ? (
            'version not in the snapshot'
          ) : alias.functionVersion === '$LATEST' ? (
            '$LATEST'
          ) : (
            <>
              version <VisibleText text={alias.functionVersion} max={40} />
            </>
          )}
        </span>{' '}
        ·{' '}
        <span data-testid="function-alias-policy" data-has-policy={String(alias.hasPolicy)}>
          {alias.hasPolicy
            ? 'its own policy (decides calls to the alias ARN)'
            : 'no policy of its own'}
        </span>
      </span>
    </li>
  );
}

function VersionRow({ version }: { version: FunctionVersionView }) {
  return (
    <li data-testid="function-version" data-version={version.version}>
      <strong title={version.arn}>
        version <VisibleText text={version.version} max={40} />
      </strong>{' '}
      <span className="row-meta">its own policy (decides calls to the version ARN)</span>
    </li>
  );
}

function Versions({ versions }: { versions: readonly FunctionVersionView[] | null }) {
  if (versions === null)
    return (
      <p className="status status-error" data-testid="function-versions-unknown">
        Published versions not in the snapshot: a version with its own policy may admit other
        callers.
      </p>
    );
  const own = versions.filter((v) => v.hasPolicy);
  const others = versions.length - own.length;
  return (
    <>
      {own.length > 0 && (
        <ul className="edge-list" data-testid="function-versions">
          {own.map((v) => (
            <VersionRow key={v.version} version={v} />
          ))}
        </ul>
      )}
      <p className="status status-empty" data-testid="function-versions-without-policy">
        {versions.length === 0
          ? 'No published version.'
          : `${String(others)} published version${others === 1 ? '' : 's'} without a policy of ${others === 1 ? 'its' : 'their'} own.`}
      </p>
    </>
  );
}

export function FunctionFacts({ lambda }: { lambda: FunctionDetailView }) {
  const { urls, aliases, versions } = lambda;
  return (
    <section data-testid="function-facts">
      <h3>Function URLs{urls === null ? '' : ` (${String(urls.length)})`}</h3>
      {urls === null ? (
        <p className="status status-error" data-testid="function-urls-unknown">
          URL configuration not in the snapshot: the function may have a URL, public or not.
        </p>
      ) : urls.length === 0 ? (
        <p className="status status-empty" data-testid="function-urls-none">
          No function URL: it cannot be called through a URL.
        </p>
      ) : (
        <ul className="edge-list" data-testid="function-urls">
          {urls.map((u, i) => (
            <UrlRow key={i} url={u} aliases={aliases} />
          ))}
        </ul>
      )}
      <h3>Aliases{aliases === null ? '' : ` (${String(aliases.length)})`}</h3>
      {aliases === null ? (
        <p className="status status-error" data-testid="function-aliases-unknown">
          Aliases not in the snapshot: an alias with its own policy may admit other callers.
        </p>
      ) : aliases.length === 0 ? (
        <p className="status status-empty" data-testid="function-aliases-none">
          No alias.
        </p>
      ) : (
        <ul className="edge-list" data-testid="function-aliases">
          {aliases.map((a) => (
            <AliasRow key={a.name} alias={a} />
          ))}
        </ul>
      )}
      <h3>Published versions{versions === null ? '' : ` (${String(versions.length)})`}</h3>
      <Versions versions={versions} />
    </section>
  );
}
