import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { freePort } from '../../system/supervisor';

/**
 * A minimal OpenID provider for the browser test of the page's sign-in: discovery, an
 * authorization endpoint that signs in one configured user at once, a token endpoint that checks
 * the PKCE verifier (S256), and the key set. Answers CORS for the page's origin, as an identity
 * provider does for a public client.
 */
export async function startOidcProvider(user: { sub: string; roles: string[]; org?: string; bsn?: string; name?: string }, audience: string, now: () => Date) {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test', alg: 'ES256', use: 'sig' };
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const codes = new Map<string, { challenge: string; redirect: string; clientId: string }>();
  const seen: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    seen.push(`${req.method} ${url.pathname}`);
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
    if (req.method === 'OPTIONS') { res.setHeader('access-control-allow-headers', 'content-type'); res.end(); return; }
    const json = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, { issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, code_challenge_methods_supported: ['S256'] });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return json(400, { error: 'invalid_request' });
      const code = randomBytes(12).toString('hex');
      codes.set(code, { challenge: q.get('code_challenge')!, redirect: q.get('redirect_uri')!, clientId: q.get('client_id')! });
      res.writeHead(302, { location: `${q.get('redirect_uri')}?code=${code}&state=${encodeURIComponent(q.get('state') ?? '')}` });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const f = new URLSearchParams(body);
      const c = codes.get(f.get('code') ?? '');
      codes.delete(f.get('code') ?? '');
      const verifier = f.get('code_verifier') ?? '';
      if (!c || c.redirect !== f.get('redirect_uri') || c.clientId !== f.get('client_id')
        || createHash('sha256').update(verifier).digest('base64url') !== c.challenge) return json(400, { error: 'invalid_grant' });
      const token = await new SignJWT({ roles: user.roles, org: user.org, bsn: user.bsn, name: user.name })
        .setProtectedHeader({ alg: 'ES256', kid: 'test' }).setIssuer(issuer).setAudience(audience).setSubject(user.sub)
        .setIssuedAt(Math.floor(now().getTime() / 1000)).setExpirationTime(Math.floor(now().getTime() / 1000) + 600).sign(privateKey);
      return json(200, { access_token: token, token_type: 'Bearer', expires_in: 600 });
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { issuer, seen, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
