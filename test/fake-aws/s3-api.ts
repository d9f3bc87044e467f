/**
 * Fake S3 (REST/XML, path-style: `GET /`, `GET /BUCKET?policy|acl|location|publicAccessBlock|
 * ownershipControls|encryption`) and S3 Control's `GET /v20180820/configuration/publicAccessBlock`. Bucket
 * calls signed for another region than the bucket's answer `301 PermanentRedirect`, as S3 does.
 */
import type { BucketData, PublicAccessBlockData, Scenario } from './scenario.js';
import {
  FakeApiError,
  pageOf,
  type FakeRequest,
  type FakeResponse,
  type FakeService,
} from './fake-request.js';
import { escapeXml, s3Error, wireTimestamp } from './xml.js';

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const S3_CONTROL_NS = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
const BUCKET_SUBRESOURCES = [
  'location',
  'policy',
  'publicAccessBlock',
  'ownershipControls',
  'acl',
  'encryption',
] as const;
const OPERATION_OF: Record<(typeof BUCKET_SUBRESOURCES)[number], string> = {
  location: 'GetBucketLocation',
  policy: 'GetBucketPolicy',
  publicAccessBlock: 'GetPublicAccessBlock',
  ownershipControls: 'GetBucketOwnershipControls',
  acl: 'GetBucketAcl',
  encryption: 'GetBucketEncryption',
};

function xml(body: string): FakeResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}

function publicAccessBlockXml(pab: PublicAccessBlockData, namespace: string): string {
  return (
    `<PublicAccessBlockConfiguration xmlns="${namespace}">` +
    `<BlockPublicAcls>${pab.BlockPublicAcls}</BlockPublicAcls><IgnorePublicAcls>${pab.IgnorePublicAcls}</IgnorePublicAcls>` +
    `<BlockPublicPolicy>${pab.BlockPublicPolicy}</BlockPublicPolicy><RestrictPublicBuckets>${pab.RestrictPublicBuckets}</RestrictPublicBuckets>` +
    `</PublicAccessBlockConfiguration>`
  );
}

function bucketNameOf(req: FakeRequest): string {
  return decodeURIComponent(req.path.split('/')[1] ?? '');
}

export function s3Service(scenario: Scenario): FakeService {
  return {
    identify(req) {
      if (req.path === '/' || req.path === '')
        return { operation: 's3:ListBuckets', accountId: req.callerAccount };
      const sub = BUCKET_SUBRESOURCES.find((name) => req.query.has(name));
      return {
        operation: `s3:${sub === undefined ? 'Unsupported' : OPERATION_OF[sub]}`,
        accountId: req.callerAccount,
        resource: bucketNameOf(req),
      };
    },
    error(req, error) {
      return {
        status: error.status,
        headers: { 'content-type': 'application/xml' },
        body: s3Error(error.code, error.message, req.requestId),
      };
    },
    respond(req, operation) {
      const account = scenario.account(req.callerAccount);
      if (account === undefined)
        throw new FakeApiError(
          'InvalidAccessKeyId',
          403,
          'The AWS Access Key Id you provided does not exist in our records.',
        );
      if (operation === 's3:ListBuckets') {
        const page = pageOf(
          account.s3.Buckets,
          req.query.get('continuation-token'),
          scenario.pageSize.s3,
        );
        const owner = account.s3.Owner;
        const buckets = page.items
          .map(
            (b) =>
              `<Bucket><Name>${escapeXml(b.Name)}</Name><CreationDate>${wireTimestamp(b.CreationDate)}</CreationDate>` +
              `${b.listedWithRegion ? `<BucketRegion>${b.Region}</BucketRegion>` : ''}</Bucket>`,
          )
          .join('');
        return xml(
          `<ListAllMyBucketsResult xmlns="${S3_NS}"><Owner><ID>${owner.ID}</ID>${owner.DisplayName === undefined ? '' : `<DisplayName>${escapeXml(owner.DisplayName)}</DisplayName>`}</Owner>` +
            `<Buckets>${buckets}</Buckets>${page.next === undefined ? '' : `<ContinuationToken>${page.next}</ContinuationToken>`}</ListAllMyBucketsResult>`,
        );
      }
      const name = bucketNameOf(req);
      const bucket = account.s3.Buckets.find((b) => b.Name === name);
      if (bucket === undefined)
        throw new FakeApiError('NoSuchBucket', 404, 'The specified bucket does not exist');
      if (operation === 's3:GetBucketLocation') {
        const constraint = bucket.Region === 'us-east-1' ? '' : bucket.Region;
        return xml(`<LocationConstraint xmlns="${S3_NS}">${constraint}</LocationConstraint>`);
      }
      if (req.region !== bucket.Region) {
        return {
          status: 301,
          headers: { 'content-type': 'application/xml', 'x-amz-bucket-region': bucket.Region },
          body: s3Error(
            'PermanentRedirect',
            'The bucket you are attempting to access must be addressed using the specified endpoint.',
            req.requestId,
          ),
        };
      }
      return bucketResponse(operation, bucket);
    },
  };
}

function bucketResponse(operation: string, bucket: BucketData): FakeResponse {
  switch (operation) {
    case 's3:GetBucketPolicy':
      if (bucket.Policy === undefined)
        throw new FakeApiError('NoSuchBucketPolicy', 404, 'The bucket policy does not exist');
      return { status: 200, headers: { 'content-type': 'application/json' }, body: bucket.Policy };
    case 's3:GetPublicAccessBlock':
      if (bucket.PublicAccessBlock === undefined) {
        throw new FakeApiError(
          'NoSuchPublicAccessBlockConfiguration',
          404,
          'The public access block configuration was not found',
        );
      }
      return xml(publicAccessBlockXml(bucket.PublicAccessBlock, S3_NS));
    case 's3:GetBucketOwnershipControls': {
      if (bucket.OwnershipControls === undefined) {
        throw new FakeApiError(
          'OwnershipControlsNotFoundError',
          404,
          'The bucket ownership controls were not found',
        );
      }
      const rules = bucket.OwnershipControls.Rules.map(
        (r) => `<Rule><ObjectOwnership>${r.ObjectOwnership}</ObjectOwnership></Rule>`,
      ).join('');
      return xml(`<OwnershipControls xmlns="${S3_NS}">${rules}</OwnershipControls>`);
    }
    case 's3:GetBucketAcl': {
      const owner = bucket.Acl.Owner;
      const grants = bucket.Acl.Grants.map((grant) => {
        const g = grant.Grantee;
        const inner =
          g.Type === 'CanonicalUser'
            ? `<ID>${g.ID}</ID>${g.DisplayName === undefined ? '' : `<DisplayName>${escapeXml(g.DisplayName)}</DisplayName>`}`
            : g.Type === 'Group'
              ? `<URI>${escapeXml(g.URI)}</URI>`
              : `<EmailAddress>${escapeXml(g.EmailAddress)}</EmailAddress>`;
        return (
          `<Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="${g.Type}">${inner}</Grantee>` +
          `<Permission>${grant.Permission}</Permission></Grant>`
        );
      }).join('');
      return xml(
        `<AccessControlPolicy xmlns="${S3_NS}"><Owner><ID>${owner.ID}</ID>${owner.DisplayName === undefined ? '' : `<DisplayName>${escapeXml(owner.DisplayName)}</DisplayName>`}</Owner>` +
          `<AccessControlList>${grants}</AccessControlList></AccessControlPolicy>`,
      );
    }
    case 's3:GetBucketEncryption': {
      if (bucket.Encryption === undefined) {
        throw new FakeApiError(
          'ServerSideEncryptionConfigurationNotFoundError',
          404,
          'The server side encryption configuration was not found',
        );
      }
      const rules = bucket.Encryption.Rules.map((rule) => {
        const byDefault = rule['ApplyServerSideEncryptionByDefault'] as
          { SSEAlgorithm: string; KMSMasterKeyID?: string } | undefined;
        const inner =
          byDefault === undefined
            ? ''
            : `<ApplyServerSideEncryptionByDefault><SSEAlgorithm>${byDefault.SSEAlgorithm}</SSEAlgorithm>` +
              (byDefault.KMSMasterKeyID === undefined
                ? ''
                : `<KMSMasterKeyID>${escapeXml(byDefault.KMSMasterKeyID)}</KMSMasterKeyID>`) +
              `</ApplyServerSideEncryptionByDefault>`;
        const bucketKey =
          typeof rule['BucketKeyEnabled'] === 'boolean'
            ? `<BucketKeyEnabled>${rule['BucketKeyEnabled']}</BucketKeyEnabled>`
            : '';
        return `<Rule>${inner}${bucketKey}</Rule>`;
      }).join('');
      return xml(
        `<ServerSideEncryptionConfiguration xmlns="${S3_NS}">${rules}</ServerSideEncryptionConfiguration>`,
      );
    }
    default:
      throw new FakeApiError('NotImplemented', 501, `the fake does not implement ${operation}`);
  }
}

export function s3ControlService(scenario: Scenario): FakeService {
  return {
    identify(req) {
      return {
        operation: req.path.endsWith('/v20180820/configuration/publicAccessBlock')
          ? 's3control:GetPublicAccessBlock'
          : 's3control:Unsupported',
        accountId: req.callerAccount,
      };
    },
    error(req, error) {
      return {
        status: error.status,
        headers: { 'content-type': 'application/xml' },
        body: s3Error(error.code, error.message, req.requestId),
      };
    },
    respond(req, operation) {
      if (operation !== 's3control:GetPublicAccessBlock')
        throw new FakeApiError('NotImplemented', 501, `the fake does not implement ${operation}`);
      const accountHeader = String(req.headers['x-amz-account-id'] ?? '');
      if (accountHeader !== req.callerAccount)
        throw new FakeApiError('AccessDenied', 403, 'Access Denied');
      const account = scenario.account(req.callerAccount);
      const pab = account?.s3.AccountPublicAccessBlock;
      if (pab === undefined) {
        throw new FakeApiError(
          'NoSuchPublicAccessBlockConfiguration',
          404,
          'The public access block configuration was not found',
        );
      }
      return xml(publicAccessBlockXml(pab, S3_CONTROL_NS));
    },
  };
}
