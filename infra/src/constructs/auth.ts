import { physicalName } from '@gong/core/infra/resources';
import { Aws, Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Cognito groups are Gong's roles (DESIGN.md vocabulary). */
export const ROLE_GROUPS = ['admin', 'stress', 'tester', 'viewer'] as const;
/** Custom attribute holding the user's tenant; the token claim is `custom:tenant`. */
export const TENANT_ATTRIBUTE = 'tenant';

const USER_ADMIN_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:ListUsers',
  'cognito-idp:ListUsersInGroup',
];

export interface GongAuthProps {
  prefix: string;
  removalPolicy: RemovalPolicy;
}

/**
 * The Cognito user pool: sign-in by email, admin-created users only, groups = roles, an immutable
 * `custom:tenant` attribute. One public app client (no secret) serves everybody, so the API verifies
 * ID tokens against a single client id: next-auth's Cognito provider (authorization code + PKCE,
 * callback `${webUrl}/api/auth/callback/cognito`) and the API's /auth/login for the CLI (username +
 * password).
 */
export class GongAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;
  private appClientInstance?: cognito.UserPoolClient;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: GongAuthProps) {
    super(scope, id);
    this.prefix = props.prefix;
    this.userPool = new cognito.UserPool(this, 'Users', {
      userPoolName: physicalName(props.prefix, 'users'),
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        [TENANT_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: false }),
      },
      passwordPolicy: { minLength: 12, requireSymbols: false, tempPasswordValidity: Duration.days(3) },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: false,
      removalPolicy: props.removalPolicy,
    });
    for (const role of ROLE_GROUPS) {
      new cognito.CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `Gong role ${role}`,
      });
    }
    // the hosted sign-in pages next-auth redirects to
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: `${props.prefix}-${Aws.ACCOUNT_ID}` },
    });
  }

  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the JWT issuer (and next-auth's). */
  get issuer(): string {
    return `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`;
  }

  get appClient(): cognito.UserPoolClient {
    if (!this.appClientInstance) throw new Error('GongAuth.addAppClient() has not been called');
    return this.appClientInstance;
  }

  /** The one app client; `webUrl` is the web app's public origin (Cognito wants HTTPS). */
  addAppClient(webUrl: string): cognito.UserPoolClient {
    if (this.appClientInstance) throw new Error('the app client exists already');
    this.appClientInstance = this.userPool.addClient('AppClient', {
      userPoolClientName: physicalName(this.prefix, 'app'),
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${webUrl}/api/auth/callback/cognito`],
        logoutUrls: [webUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      preventUserExistenceErrors: true,
    });
    return this.appClientInstance;
  }

  /** The API's admin screens: manage users and their groups in this pool (no other pool). */
  grantManageUsers(grantee: iam.IGrantable): void {
    this.userPool.grant(grantee, ...USER_ADMIN_ACTIONS);
  }
}
