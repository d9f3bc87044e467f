/**
 * A stand-in for the `aws` command, for testing the script of docs/snapshot-by-hand.md without
 * AWS. Every answer the script can ask for is computed up front from a snapshot fixture, in the
 * shapes the AWS CLI v2 prints, and stored under a key made of `AWS_PROFILE` (the account) and
 * the exact arguments; a small bash `aws` prints the stored answer, or the stored error on stderr
 * with exit code 254 as the CLI does, or fails loudly for a call nobody expected.
 */
import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

type Json = Record<string, unknown>;

interface Answer {
  profile: string;
  args: string[];
  out?: unknown;
  /** Error code: printed as the CLI does (`An error occurred (CODE) when calling …`). */
  error?: string;
}

/** The arguments the script passes before every command. */
export const COMMON = ['--output', 'json', '--no-cli-pager'];

/** The key the bash shim computes: sha256 of the profile and each argument, one per line. */
export function keyOf(profile: string, args: readonly string[]): string {
  return createHash('sha256')
    .update([profile, ...args].map((a) => `${a}\n`).join(''))
    .digest('hex');
}

const SHIM = `#!/usr/bin/env bash
key=$(printf '%s\\n' "\${AWS_PROFILE:-}" "$@" | sha256sum | cut -c1-64)
printf '%s %s\\n' "\${AWS_PROFILE:-}" "$*" >>"$FAKE_AWS_DIR/calls.log"
if [ -f "$FAKE_AWS_DIR/$key.out" ]; then cat "$FAKE_AWS_DIR/$key.out"; exit 0; fi
if [ -f "$FAKE_AWS_DIR/$key.err" ]; then cat "$FAKE_AWS_DIR/$key.err" >&2; exit 254; fi
echo "fake aws: no answer for AWS_PROFILE=\${AWS_PROFILE:-} $*" >&2
exit 255
`;

async function readJson(path: string): Promise<Json> {
  return JSON.parse(await readFile(path, 'utf8')) as Json;
}

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Writes the `aws` shim into `binDir` and its answers into `answersDir`, from the snapshot
 * fixture `fixture` (organization.json and `<account>/…`). The organization is answered for the
 * profile `managementProfile`; each account for the profile named by its id.
 */
export async function writeFakeAwsCli(
  fixture: string,
  accounts: readonly string[],
  binDir: string,
  answersDir: string,
): Promise<void> {
  const answers: Answer[] = [];
  const org = await readJson(join(fixture, 'organization.json'));
  const organization = org.Organization as Json;
  const management = str(organization.MasterAccountId);
  const ask = (profile: string, args: string[], out: unknown): void => {
    answers.push({ profile, args: [...COMMON, ...args], out });
  };
  const fail = (profile: string, args: string[], error: string): void => {
    answers.push({ profile, args: [...COMMON, ...args], error });
  };

  ask(management, ['organizations', 'describe-organization'], { Organization: organization });
  ask(management, ['organizations', 'list-accounts'], { Accounts: org.Accounts });
  ask(management, ['organizations', 'list-roots'], { Roots: org.Roots });
  const ous = list(org.OrganizationalUnits);
  const parents = [...list(org.Roots), ...ous].map((p) => str(p.Id));
  for (const parent of parents) {
    const children = ous
      .filter((ou) => ou.ParentId === parent)
      .map(({ ParentId: _parent, ...rest }) => rest);
    ask(
      management,
      ['organizations', 'list-organizational-units-for-parent', '--parent-id', parent],
      {
        OrganizationalUnits: children,
      },
    );
  }
  for (const [account, parent] of Object.entries(org.AccountParents as Record<string, string>)) {
    ask(management, ['organizations', 'list-parents', '--child-id', account], {
      Parents: [{ Id: parent, Type: parent.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }],
    });
  }
  const policies = list(org.Policies);
  for (const type of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY', 'TAG_POLICY']) {
    const ofType = policies.filter((p) => p.Type === type);
    ask(management, ['organizations', 'list-policies', '--filter', type], {
      Policies: ofType.map(({ Content: _c, Targets: _t, ...summary }) => summary),
    });
  }
  for (const p of policies) {
    const { Content, Targets, ...summary } = p;
    ask(management, ['organizations', 'describe-policy', '--policy-id', str(p.Id)], {
      Policy: { PolicySummary: summary, Content },
    });
    ask(management, ['organizations', 'list-targets-for-policy', '--policy-id', str(p.Id)], {
      Targets: (Targets as string[]).map((id) => ({
        TargetId: id,
        Arn: `arn:aws:organizations::${management}:target/${id}`,
        Name: id,
        Type: id.startsWith('r-')
          ? 'ROOT'
          : id.startsWith('ou-')
            ? 'ORGANIZATIONAL_UNIT'
            : 'ACCOUNT',
      })),
    });
  }

  for (const account of accounts) {
    const dir = join(fixture, account);
    ask(account, ['sts', 'get-caller-identity'], {
      UserId: 'AROATB3EXAMPLEAUDITOR:auditor',
      Account: account,
      Arn: `arn:aws:sts::${account}:assumed-role/Auditor/auditor`,
    });
    ask(
      account,
      ['iam', 'get-account-authorization-details'],
      await readJson(join(dir, 'iam.json')),
    );
    const idp = await readJson(join(dir, 'identity-providers.json'));
    const oidc = list(idp.OpenIDConnectProviders);
    ask(account, ['iam', 'list-open-id-connect-providers'], {
      OpenIDConnectProviderList: oidc.map((p) => ({ Arn: p.Arn })),
    });
    for (const { Arn, ...rest } of oidc) {
      ask(
        account,
        ['iam', 'get-open-id-connect-provider', '--open-id-connect-provider-arn', str(Arn)],
        rest,
      );
    }
    ask(account, ['iam', 'list-saml-providers'], { SAMLProviderList: idp.SAMLProviders });

    const s3 = await readJson(join(dir, 's3.json'));
    const buckets = list(s3.Buckets);
    ask(account, ['s3api', 'list-buckets'], {
      Buckets: buckets.map((b) => ({
        Name: b.Name,
        CreationDate: '2024-01-01T00:00:00+00:00',
        BucketRegion: b.Region,
      })),
      Owner: s3.Owner,
    });
    const pabArgs = ['s3control', 'get-public-access-block', '--account-id', account];
    if (s3.AccountPublicAccessBlock === undefined)
      fail(account, pabArgs, 'NoSuchPublicAccessBlockConfiguration');
    else ask(account, pabArgs, { PublicAccessBlockConfiguration: s3.AccountPublicAccessBlock });
    for (const b of buckets) {
      const name = str(b.Name);
      const region = str(b.Region);
      ask(account, ['s3api', 'get-bucket-location', '--bucket', name], {
        LocationConstraint: region === 'us-east-1' ? null : region === 'eu-west-1' ? 'EU' : region,
      });
      const r = ['--bucket', name, '--region', region];
      if (b.Policy === undefined)
        fail(account, ['s3api', 'get-bucket-policy', ...r], 'NoSuchBucketPolicy');
      else ask(account, ['s3api', 'get-bucket-policy', ...r], { Policy: b.Policy });
      if (b.PublicAccessBlock === undefined) {
        fail(
          account,
          ['s3api', 'get-public-access-block', ...r],
          'NoSuchPublicAccessBlockConfiguration',
        );
      } else {
        ask(account, ['s3api', 'get-public-access-block', ...r], {
          PublicAccessBlockConfiguration: b.PublicAccessBlock,
        });
      }
      if (b.OwnershipControls === undefined) {
        fail(
          account,
          ['s3api', 'get-bucket-ownership-controls', ...r],
          'OwnershipControlsNotFoundError',
        );
      } else {
        ask(account, ['s3api', 'get-bucket-ownership-controls', ...r], {
          OwnershipControls: b.OwnershipControls,
        });
      }
      ask(account, ['s3api', 'get-bucket-acl', ...r], b.Acl);
    }
  }

  await mkdir(binDir, { recursive: true });
  await mkdir(answersDir, { recursive: true });
  await writeFile(join(binDir, 'aws'), SHIM);
  await chmod(join(binDir, 'aws'), 0o755);
  await writeFile(join(answersDir, 'calls.log'), '');
  for (const a of answers) {
    const key = keyOf(a.profile, a.args);
    if (a.error === undefined) {
      await writeFile(join(answersDir, `${key}.out`), `${JSON.stringify(a.out, null, 4)}\n`);
    } else {
      const operation = a.args[COMMON.length + 1] ?? '';
      await writeFile(
        join(answersDir, `${key}.err`),
        `\nAn error occurred (${a.error}) when calling the ${operation} operation: not configured\n`,
      );
    }
  }
}
