/**
 * Shapes of the files the demo writes, as the AWS APIs print them (DESIGN.md "Snapshot
 * directory"): `aws iam get-account-authorization-details`, list-buckets / get-bucket-policy /
 * get-public-access-block, list-open-id-connect-providers / list-saml-providers.
 */

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export type PrincipalValue =
  '*' | { AWS?: string | string[]; Service?: string | string[]; Federated?: string | string[] };

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: PrincipalValue;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

/**
 * How policy documents are written in an account's iam.json: decoded objects (the AWS CLI),
 * JSON strings, or URL-encoded JSON strings (the IAM API and SDKs). The loader must read all three.
 */
export type DocumentEncoding = 'object' | 'json-string' | 'url-encoded';

/** A document as written: an object, or a string in the account's encoding. */
export type EncodedDocument = PolicyDocument | string;

export interface InlinePolicyJson {
  PolicyName: string;
  PolicyDocument: EncodedDocument;
}

export interface AttachedPolicyJson {
  PolicyName: string;
  PolicyArn: string;
}

export interface PermissionsBoundaryJson {
  PermissionsBoundaryType: 'Policy';
  PermissionsBoundaryArn: string;
}

export interface TagJson {
  Key: string;
  Value: string;
}

export interface InstanceProfileJson {
  Path: string;
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  CreateDate: string;
  Roles: unknown[];
}

export interface RoleDetailJson {
  Path: string;
  RoleName: string;
  RoleId: string;
  Arn: string;
  CreateDate: string;
  AssumeRolePolicyDocument: EncodedDocument;
  InstanceProfileList: InstanceProfileJson[];
  RolePolicyList: InlinePolicyJson[];
  AttachedManagedPolicies: AttachedPolicyJson[];
  PermissionsBoundary?: PermissionsBoundaryJson;
  Tags: TagJson[];
  RoleLastUsed: { LastUsedDate?: string; Region?: string };
}

export interface UserDetailJson {
  Path: string;
  UserName: string;
  UserId: string;
  Arn: string;
  CreateDate: string;
  UserPolicyList: InlinePolicyJson[];
  GroupList: string[];
  AttachedManagedPolicies: AttachedPolicyJson[];
  PermissionsBoundary?: PermissionsBoundaryJson;
  Tags: TagJson[];
}

export interface GroupDetailJson {
  Path: string;
  GroupName: string;
  GroupId: string;
  Arn: string;
  CreateDate: string;
  GroupPolicyList: InlinePolicyJson[];
  AttachedManagedPolicies: AttachedPolicyJson[];
}

export interface PolicyVersionJson {
  Document: EncodedDocument;
  VersionId: string;
  IsDefaultVersion: boolean;
  CreateDate: string;
}

export interface ManagedPolicyDetailJson {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  AttachmentCount: number;
  PermissionsBoundaryUsageCount: number;
  IsAttachable: boolean;
  CreateDate: string;
  UpdateDate: string;
  PolicyVersionList: PolicyVersionJson[];
}

export interface IamJson {
  UserDetailList: UserDetailJson[];
  GroupDetailList: GroupDetailJson[];
  RoleDetailList: RoleDetailJson[];
  Policies: ManagedPolicyDetailJson[];
}

export interface PublicAccessBlockJson {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface BucketJson {
  Name: string;
  Region: string;
  CreationDate: string;
  Policy?: EncodedDocument;
  PublicAccessBlock?: PublicAccessBlockJson;
  OwnershipControls?: { Rules: { ObjectOwnership: string }[] };
  /** get-bucket-encryption's ServerSideEncryptionConfiguration. */
  Encryption?: {
    Rules: {
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: string; KMSMasterKeyID?: string };
      BucketKeyEnabled?: boolean;
    }[];
  };
}

export interface S3Json {
  Owner: { DisplayName: string; ID: string };
  AccountPublicAccessBlock?: PublicAccessBlockJson;
  Buckets: BucketJson[];
}

export interface IdentityProvidersJson {
  OpenIDConnectProviders: {
    Arn: string;
    Url: string;
    ClientIDList: string[];
    ThumbprintList: string[];
  }[];
  SAMLProviders: { Arn: string; ValidUntil: string; CreateDate: string }[];
}
