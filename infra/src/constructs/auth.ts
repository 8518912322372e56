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
 * `custom:tenant` attribute. Two clients: `login` (the API's /auth/login and the CLI: username +
 * password, no secret) and `web` (next-auth's Cognito provider: authorization code with a secret).
 */
export class GongAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly loginClient: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  private webClientInstance?: cognito.UserPoolClient;
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
    this.loginClient = this.userPool.addClient('LoginClient', {
      userPoolClientName: physicalName(props.prefix, 'login'),
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      preventUserExistenceErrors: true,
    });
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: `${props.prefix}-${Aws.ACCOUNT_ID}` },
    });
  }

  /** `https://cognito-idp.<region>.amazonaws.com/<poolId>`: the JWT issuer (and next-auth's). */
  get issuer(): string {
    return `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`;
  }

  /** Every app client whose tokens the API accepts. */
  get clients(): cognito.UserPoolClient[] {
    return this.webClientInstance ? [this.loginClient, this.webClientInstance] : [this.loginClient];
  }

  get webClient(): cognito.UserPoolClient {
    if (!this.webClientInstance) throw new Error('GongAuth.addWebClient() has not been called');
    return this.webClientInstance;
  }

  /** The next-auth Cognito provider's client: code flow, callback `${webUrl}/api/auth/callback/cognito`. */
  addWebClient(webUrl: string): cognito.UserPoolClient {
    if (this.webClientInstance) throw new Error('the web client exists already');
    this.webClientInstance = this.userPool.addClient('WebClient', {
      userPoolClientName: physicalName(this.prefix, 'web'),
      generateSecret: true,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${webUrl}/api/auth/callback/cognito`],
        logoutUrls: [webUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
    });
    return this.webClientInstance;
  }

  /** The API's admin screens: manage users and their groups in this pool (no other pool). */
  grantManageUsers(grantee: iam.IGrantable): void {
    this.userPool.grant(grantee, ...USER_ADMIN_ACTIONS);
  }
}
