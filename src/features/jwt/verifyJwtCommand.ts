import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { withCancellableProgress } from '../common/progress';
import { visibleText } from '../../text/visibleText';
import { Settings } from '../common/settings';
import { verifyWithCluster } from '../../jwt/clusterVerification';
import { decodeJwt } from '../../jwt/decode';
import type { IssuerKeyCache } from '../../jwt/keyCache';
import { discoverIssuerKeys, fetchJwks } from '../../jwt/remoteKeys';
import { keySourceFromText, verifyJwt, type KeySource, type Verification } from '../../jwt/verify';
import { verificationDocument } from '../../tokens/verificationDocument';
import type { ClusterConnection } from '../explorer/clusterConnection';
import type { ReadOnlyDocuments } from '../common/readOnlyDocuments';
import { chooseToken, type GivenToken, type TokenTarget } from './tokenSource';

/** Where the keys come from; commands called with one (keybindings, other extensions, tests) skip the pick. */
export type KeyChoice =
  | { readonly kind: 'cluster' }
  | { readonly kind: 'issuer' }
  | { readonly kind: 'jwksUrl'; readonly url: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'secret'; readonly secret: string };

export interface VerifyCommandOptions {
  readonly keys?: KeyChoice;
  /** An audience to require; omitted: the person is asked (empty leaves it unchecked). */
  readonly audience?: string;
}

const issuerSetting = 'verification.fetchFromTokenIssuer';

type KeyPick = vscode.QuickPickItem & { readonly choice: KeyChoice['kind'] };

/**
 * "Verify JWT Signature": checks a token with the active cluster's keys, a key the person gives,
 * or (when allowed) its issuer's; each outcome opens in its own document.
 */
export class VerifyJwtCommand {
  private checks = 0;

  constructor(
    private readonly connection: ClusterConnection,
    private readonly cache: IssuerKeyCache,
    private readonly documents: ReadOnlyDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async run(target: TokenTarget | GivenToken, options: VerifyCommandOptions = {}): Promise<Verification | undefined> {
    const chosen = await chooseToken(target, vscode.l10n.t('Verify JWT Signature'), vscode.l10n.t('The token to verify (it stays on this machine)'));
    if (!chosen) {
      return undefined;
    }
    const { token } = chosen;
    const decoded = decodeJwt(token);
    if (decoded.form !== 'jws') {
      throw new Error(decoded.form === 'jwe' ? vscode.l10n.t('This is an encrypted JWT (JWE): its recipient decrypts it; there is no signature to verify with a public key.') : vscode.l10n.t('Not a JWT: {0}.', decoded.reason));
    }
    const iss = typeof decoded.payload.iss === 'string' ? decoded.payload.iss : undefined;
    const keys = options.keys ?? (await this.pickKeys(String(decoded.header.alg), iss));
    if (!keys) {
      return undefined;
    }
    const audience = options.audience ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('Verify JWT Signature'), prompt: vscode.l10n.t('Audience the token must carry (optional; empty: not checked)'), ignoreFocusOut: true }));
    if (audience === undefined) {
      return undefined;
    }
    const required = audience.trim() || undefined;
    const verification = await withCancellableProgress(vscode.l10n.t('Verifying the token…'), (signal) => this.verify(token, keys, required, iss, signal));
    const result = { token, source: chosen.origin, audience: required, verification, verifiedAt: Date.now() };
    await this.documents.open(verificationDocument(++this.checks, result), { beside: true });
    return verification;
  }

  private async verify(token: string, keys: KeyChoice, audience: string | undefined, iss: string | undefined, signal: AbortSignal): Promise<Verification> {
    const now = Date.now();
    if (keys.kind === 'cluster') {
      const session = this.connection.current();
      const fetchKeys = async () => {
        const fetched = await this.connection.call((active) => active.issuerKeys(signal), session);
        this.log.info(`Fetched the issuer keys of ${session.context.name}: ${fetched.jwks.keys.length} keys, Cache-Control ${fetched.cacheControl ?? '(none)'}`);
        return fetched;
      };
      const cluster = { id: session.context.server, label: `${session.context.name} (${session.context.server})`, fetchKeys };
      return verifyWithCluster(token, cluster, this.cache, { now, audience });
    }
    if (keys.kind === 'issuer') {
      if (!Settings.fetchFromTokenIssuer()) {
        throw new Error(vscode.l10n.t('Fetching keys from a token\'s own issuer is off, because it tells that issuer the token was opened. Turn on the setting kubeSaTokens.{0} to allow it.', issuerSetting));
      }
      if (!iss) {
        throw new Error(vscode.l10n.t('The token has no iss claim: give its keys as a URL or a file instead.'));
      }
      const discovered = await discoverIssuerKeys(iss, this.timeoutSignal(signal));
      this.log.info(`Fetched keys by OpenID discovery for issuer ${visibleText(iss, 200)}`);
      return verifyJwt(token, discovered.source, { now, audience, issuer: discovered.issuer });
    }
    return verifyJwt(token, await this.keySource(keys, signal), { now, audience });
  }

  private async keySource(keys: Exclude<KeyChoice, { kind: 'cluster' | 'issuer' }>, signal: AbortSignal): Promise<KeySource> {
    switch (keys.kind) {
      case 'jwksUrl': {
        const source = await fetchJwks(keys.url, this.timeoutSignal(signal));
        this.log.info(`Fetched a JWKS from ${visibleText(keys.url, 200)}`);
        return source;
      }
      case 'file':
        return keySourceFromText(await readFile(keys.path, 'utf8'), keys.path);
      case 'secret':
        return { kind: 'secret', label: vscode.l10n.t('the shared secret'), secret: keys.secret };
    }
  }

  private timeoutSignal(signal: AbortSignal): AbortSignal {
    return AbortSignal.any([signal, AbortSignal.timeout(Settings.requestTimeoutMs())]);
  }

  private async pickKeys(alg: string, iss: string | undefined): Promise<KeyChoice | undefined> {
    const issuerAllowed = Settings.fetchFromTokenIssuer();
    const items: KeyPick[] = [
      { choice: 'cluster', label: vscode.l10n.t('$(server-environment) The active cluster'), description: this.connection.contextName, detail: vscode.l10n.t('Its issuer keys, read through the API server (/openid/v1/jwks)') },
      { choice: 'file', label: vscode.l10n.t('$(file) A key file…'), detail: vscode.l10n.t('A JWKS or JWK (JSON), or a PEM public key or certificate') },
      { choice: 'jwksUrl', label: vscode.l10n.t('$(link) A JWKS URL…') },
      { choice: 'secret', label: vscode.l10n.t('$(key) A shared secret…'), detail: vscode.l10n.t('For HS256, HS384 and HS512 tokens') },
      {
        choice: 'issuer',
        label: vscode.l10n.t('$(globe) The token\'s issuer'),
        description: iss && visibleText(iss, 80),
        detail: issuerAllowed ? vscode.l10n.t('OpenID discovery at the token\'s iss: tells that issuer the token was opened') : vscode.l10n.t('Off: turn on kubeSaTokens.{0} to allow it', issuerSetting),
      },
    ];
    if (alg.startsWith('HS')) {
      items.unshift(...items.splice(3, 1));
    }
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Verify JWT Signature: keys'), placeHolder: vscode.l10n.t('The token is signed with {0}', visibleText(alg, 40)), ignoreFocusOut: true });
    switch (picked?.choice) {
      case undefined:
        return undefined;
      case 'cluster':
      case 'issuer':
        return { kind: picked.choice };
      case 'file': {
        const files = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Key file'), canSelectMany: false, filters: { [vscode.l10n.t('Keys')]: ['json', 'jwks', 'jwk', 'pem', 'crt', 'pub', 'key'], [vscode.l10n.t('All files')]: ['*'] } });
        return files?.[0] ? { kind: 'file', path: files[0].fsPath } : undefined;
      }
      case 'jwksUrl': {
        const url = await vscode.window.showInputBox({ title: vscode.l10n.t('JWKS URL'), prompt: vscode.l10n.t('https://…/jwks.json'), ignoreFocusOut: true, validateInput: (value) => (/^https?:\/\/\S+$/.test(value.trim()) ? undefined : vscode.l10n.t('An https:// URL')) });
        return url ? { kind: 'jwksUrl', url: url.trim() } : undefined;
      }
      case 'secret': {
        const secret = await vscode.window.showInputBox({ title: vscode.l10n.t('Shared secret'), prompt: vscode.l10n.t('The HMAC secret (it stays on this machine)'), password: true, ignoreFocusOut: true });
        return secret ? { kind: 'secret', secret } : undefined;
      }
    }
  }
}
