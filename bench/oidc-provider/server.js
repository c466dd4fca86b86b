// panva's oidc-provider set up as close to IdentityHub as it allows, for the side-by-side benchmark:
// RS256 JWT access tokens for the portal-api resource, client credentials, refresh tokens rotated on
// every use, a session cookie giving single sign-on, first-party clients that need no consent page,
// and every model (sessions, grants, codes, refresh tokens) in PostgreSQL like IdentityHub's.
//
// Settings come from the environment: PORT, ISSUER, DATABASE_URL, CLIENT_SECRET.
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';
import { connect, database, PostgresAdapter } from './postgres-adapter.js';

const port = Number(process.env.PORT ?? 3000);
const issuer = process.env.ISSUER ?? `https://localhost:${port}`;
const secret = process.env.CLIENT_SECRET ?? 'bench-secret';
const resource = 'urn:portal-api';

await connect(process.env.DATABASE_URL);

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'bench-rs256', use: 'sig', alg: 'RS256' };

async function findAccount(_ctx, id) {
  const { rows } = await database().query('SELECT id, username, given_name, family_name, email FROM accounts WHERE id = $1', [id]);
  const account = rows[0];
  if (!account) return undefined;
  return {
    accountId: account.id,
    async claims() {
      return {
        sub: account.id,
        name: `${account.given_name} ${account.family_name}`,
        given_name: account.given_name,
        family_name: account.family_name,
        preferred_username: account.username,
        email: account.email,
        email_verified: true,
      };
    },
  };
}

const provider = new Provider(issuer, {
  adapter: PostgresAdapter,
  findAccount,
  jwks: { keys: [signingKey] },
  clients: [
    {
      client_id: 'bench-service',
      client_secret: secret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_post',
    },
    {
      client_id: 'bench-portal',
      client_secret: secret,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: ['https://portal.bench/signin-oidc'],
      token_endpoint_auth_method: 'client_secret_post',
    },
  ],
  scopes: ['openid', 'offline_access', 'profile', 'email', 'portal-api'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username'],
    email: ['email', 'email_verified'],
  },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'portal-api',
        audience: resource,
        accessTokenTTL: 600,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  // Same lifetimes as IdentityHub's defaults.
  ttl: {
    AccessToken: 600,
    ClientCredentials: 600,
    IdToken: 600,
    AuthorizationCode: 120,
    RefreshToken: 8 * 3600,
    Grant: 12 * 3600,
    Session: 12 * 3600,
    Interaction: 1800,
  },
  // IdentityHub returns a new refresh token on every use.
  rotateRefreshToken: () => true,
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: [secret] },
});

// Behind a TLS-terminating proxy, like IdentityHub in the benchmark (X-Forwarded-Proto: https).
provider.proxy = true;

// The bench's sign-in: the login_hint names the account (the password check is IdentityHub-only
// territory, scenario 4); first-party clients are pre-consented, as IdentityHub's are.
provider.use(async (ctx, next) => {
  if (!ctx.path.startsWith('/interaction/')) {
    return next();
  }

  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.prompt.name === 'login') {
    const accountId = details.params.login_hint;
    if (!accountId || !(await findAccount(ctx, accountId))) {
      ctx.status = 400;
      ctx.body = 'unknown login_hint';
      return undefined;
    }
    return provider.interactionFinished(ctx.req, ctx.res, { login: { accountId } }, { mergeWithLastSubmission: false });
  }

  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  grant.addOIDCScope(details.params.scope);
  grant.addResourceScope(resource, 'portal-api');
  const grantId = await grant.save();
  return provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId } }, { mergeWithLastSubmission: true });
});

provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on http://127.0.0.1:${port} (issuer ${issuer})`);
});
