// openid-client (Node.js) against IdentityHub, driven by the interoperability tests: registers itself through
// dynamic registration (private_key_jwt with its own key, PAR and DPoP required), pushes the authorization request,
// and prints the URL; the test signs in with a browser and writes the URL it was redirected to on stdin; then it
// redeems the code with a DPoP proof and a client assertion, refreshes, calls userinfo, and prints what it got.
// After the test signs the browser out and writes another line, it refreshes again and prints the answer.
//
//   ISSUER=... INITIAL_ACCESS_TOKEN=... REDIRECT_URI=... node openid-client-flow.mjs
// Every line it prints is one JSON object with a "step".
import * as client from 'openid-client'
import { createInterface } from 'node:readline'

const issuer = new URL(process.env.ISSUER)
const redirectUri = process.env.REDIRECT_URI
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
const print = (step, values) => console.log(JSON.stringify({ step, ...values }))
const nextLine = async () => (await lines.next()).value

async function main () {
  // The client's own key for private_key_jwt: only its public half is registered.
  const clientKey = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
  const publicJwk = { ...(await crypto.subtle.exportKey('jwk', clientKey.publicKey)), kid: 'interop-1', use: 'sig', alg: 'ES256' }
  delete publicJwk.key_ops
  delete publicJwk.ext

  const config = await client.dynamicClientRegistration(issuer, {
    client_name: 'openid-client interop',
    redirect_uris: [redirectUri],
    post_logout_redirect_uris: [new URL('/signed-out', redirectUri).toString()],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: 'openid profile email offline_access',
    token_endpoint_auth_method: 'private_key_jwt',
    jwks: { keys: [publicJwk] },
    require_pushed_authorization_requests: true,
    dpop_bound_access_tokens: true,
    consent_required: false
  }, client.PrivateKeyJwt({ key: clientKey.privateKey, kid: 'interop-1' }), {
    initialAccessToken: process.env.INITIAL_ACCESS_TOKEN,
    execute: [client.allowInsecureRequests]
  })
  const clientId = config.clientMetadata().client_id

  const dpop = client.getDPoPHandle(config, await client.randomDPoPKeyPair('ES256'))
  const verifier = client.randomPKCECodeVerifier()
  const url = await client.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: client.randomState()
  }, { DPoP: dpop })
  print('authorize', { clientId, url: url.href, state: url.searchParams.get('state') })

  const callback = new URL(await nextLine())
  const tokens = await client.authorizationCodeGrant(config, callback,
    { pkceCodeVerifier: verifier, expectedState: client.skipStateCheck }, undefined, { DPoP: dpop })
  const claims = tokens.claims()
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token, undefined, { DPoP: dpop })
  const userinfo = await client.fetchUserInfo(config, refreshed.access_token, claims.sub, { DPoP: dpop })
  // The same token without its proof, as a thief who copied it would send it.
  const stolen = await fetch(config.serverMetadata().userinfo_endpoint, { headers: { Authorization: `Bearer ${refreshed.access_token}` } })
  print('tokens', {
    tokenType: tokens.token_type,
    refreshedTokenType: refreshed.token_type,
    subject: claims.sub,
    sessionId: claims.sid,
    refreshed: refreshed.access_token !== tokens.access_token,
    userinfoSubject: userinfo.sub,
    userinfoName: userinfo.name,
    withoutProofStatus: stolen.status,
    endSessionUrl: client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token }).href
  })

  await nextLine()
  try {
    await client.refreshTokenGrant(config, refreshed.refresh_token, undefined, { DPoP: dpop })
    print('after-sign-out', { refreshError: null })
  } catch (error) {
    print('after-sign-out', { refreshError: error.error ?? error.code ?? String(error) })
  }
}

main().then(() => process.exit(0), error => {
  print('error', { message: String(error?.message ?? error), error: error?.error, description: error?.error_description, cause: String(error?.cause?.message ?? '') })
  process.exit(1)
})
