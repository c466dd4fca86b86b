// The single-page app of the interoperability tests: oidc-client-ts (global "oidc") against the issuer given in
// the page's address (?issuer=...&client_id=..., remembered for the callback), code flow with PKCE, in the browser.
const remembered = JSON.parse(sessionStorage.getItem('interop-settings') || '{}')
const query = new URLSearchParams(location.search)
const settings = {
  issuer: query.get('issuer') || remembered.issuer,
  clientId: query.get('client_id') || remembered.clientId,
}
sessionStorage.setItem('interop-settings', JSON.stringify(settings))

export const users = new oidc.UserManager({
  authority: settings.issuer,
  client_id: settings.clientId,
  redirect_uri: new URL('/callback.html', location.origin).toString(),
  post_logout_redirect_uri: new URL('/', location.origin).toString(),
  response_type: 'code',
  scope: 'openid profile email',
  userStore: new oidc.WebStorageStateStore({ store: window.sessionStorage }),
})

export function show (id, text) {
  document.getElementById(id).textContent = text
}

export function fail (error) {
  show('error', String(error && error.message ? error.message : error))
}
