import type { NextAuthOptions } from 'next-auth';
import CognitoProvider from 'next-auth/providers/cognito';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { Provider } from 'next-auth/providers/index';
import { env } from '@/env';
import { loginWithPassword, whoAmI } from './login';

function providers(): Provider[] {
  const list: Provider[] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
      },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        const login = await loginWithPassword(credentials.email, credentials.password);
        if (!login) return null;
        return {
          id: login.user.id,
          email: login.user.email,
          name: login.user.name,
          gong: login.user,
          apiToken: login.token,
          apiExpiresAt: login.expiresAt,
        };
      },
    }),
  ];
  if (env.COGNITO_CLIENT_ID && env.COGNITO_ISSUER) {
    list.push(
      CognitoProvider({
        clientId: env.COGNITO_CLIENT_ID,
        clientSecret: env.COGNITO_CLIENT_SECRET ?? '',
        issuer: env.COGNITO_ISSUER,
        ...(env.COGNITO_CLIENT_SECRET ? {} : { client: { token_endpoint_auth_method: 'none' } }),
      }),
    );
  }
  return list;
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: 12 * 3600 },
  pages: { signIn: '/login' },
  providers: providers(),
  callbacks: {
    async jwt({ token, user, account }) {
      if (user?.apiToken && user.gong) {
        token.apiToken = user.apiToken;
        token.apiExpiresAt = user.apiExpiresAt;
        token.gong = user.gong;
      } else if (account?.provider === 'cognito') {
        const apiToken = account.id_token ?? account.access_token;
        if (apiToken) {
          token.apiToken = apiToken;
          token.apiExpiresAt = account.expires_at ? account.expires_at * 1000 : Date.now() + 3600_000;
          token.gong = await whoAmI(apiToken);
        }
      }
      return token;
    },
    async session({ session, token }) {
      if (token.gong) session.user = token.gong;
      session.expiresAt = token.apiExpiresAt ?? 0;
      return session;
    },
  },
};
