import * as vscode from 'vscode';
import { nodeBindingUnavailable } from '../../tokens/serverFeatures';
import { withCancellableProgress } from '../common/progress';
import { visibleText } from '../../text/visibleText';
import { Settings } from '../common/settings';
import type { BoundObject, BoundObjectKind, ClusterSession, IssuedToken, ServiceAccountSummary, TokenRequestInput } from '../../cluster';
import { formatSeconds, parseDuration } from '../../tokens/duration';
import { parseAudiences } from '../../tokens/handoffFormats';
import { audienceMeaning, offeredAudiences } from '../../audiences/wellKnownAudiences';
import { renewalRequest } from '../../tokens/expiryReminder';
import { accountKey, audienceChoices, lastFor, readLastAudiences, rememberLast, rememberRecent, type AudienceChoiceReason } from '../../tokens/audienceMemory';
import type { ClusterConnection } from '../explorer/clusterConnection';
import { DangerCheck } from './dangerCheck';
import type { IssuedTokens } from './issuedTokens';
import { MultiStepInput } from '../common/multiStepInput';

const recentAudiencesKey = 'kubeSaTokens.recentAudiences';
const lastAudiencesKey = 'kubeSaTokens.lastAudiencesByServiceAccount';
const title = vscode.l10n.t('Request ServiceAccount Token');

/** What a tree node or a caller may pass to name the ServiceAccount. */
export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

interface AudiencePick extends vscode.QuickPickItem {
  readonly audiences: string[];
}

const audienceReasons: Record<AudienceChoiceReason, string> = {
  last: vscode.l10n.t('last used for this ServiceAccount'),
  default: vscode.l10n.t('default (kubeSaTokens.defaultAudiences)'),
  server: vscode.l10n.t('empty spec.audiences'),
  recent: vscode.l10n.t('recent'),
};

interface DurationPick extends vscode.QuickPickItem {
  readonly seconds: number | undefined;
  readonly invalid?: boolean;
}

/** The lifetimes people ask for most; the server's own limits still apply (at least 10 minutes, at most its maximum). */
const durationPresets: readonly DurationPick[] = [
  { label: vscode.l10n.t('Server default'), description: vscode.l10n.t('usually 1 hour'), seconds: undefined },
  { label: vscode.l10n.t('10 minutes'), description: vscode.l10n.t('10m, the shortest the server accepts'), seconds: 600 },
  { label: vscode.l10n.t('1 hour'), description: '1h', seconds: 3600 },
  { label: vscode.l10n.t('8 hours'), description: vscode.l10n.t('8h, a working day'), seconds: 8 * 3600 },
  { label: vscode.l10n.t('24 hours'), description: vscode.l10n.t('24h; clusters often cap lifetimes below this'), seconds: 24 * 3600 },
];

interface BoundKindPick extends vscode.QuickPickItem {
  readonly boundKind: BoundObjectKind | undefined;
}

interface BoundObjectPick extends vscode.QuickPickItem {
  readonly object: BoundObject;
}

/** The `kubectl create token` flow: pick, fill in every option, one POST with progress, then hand-off. */
export class RequestTokenCommand {
  constructor(
    private readonly connection: ClusterConnection,
    private readonly issuedTokens: IssuedTokens,
    private readonly state: vscode.Memento,
    private readonly handOff: (session: ClusterSession, issued: IssuedToken) => Promise<void>,
  ) {}

  async run(target?: ServiceAccountRef): Promise<IssuedToken | undefined> {
    const session = this.connection.current();
    const account = target ?? (await this.pickServiceAccount(session));
    if (!account) {
      return undefined;
    }
    // Read while the person fills in the options, shown before the POST.
    const dangers = new DangerCheck(this.connection, session, account);
    const options = await this.collectOptions(session, account);
    if (!options) {
      dangers.cancel();
      return undefined;
    }
    if (!(await dangers.confirm())) {
      return undefined;
    }
    return this.issue({ namespace: account.namespace, serviceAccount: account.name, ...options }, session);
  }

  /** A request written in a manifest: its ServiceAccount's dangerous rights are shown before the POST, as in `run`. */
  async requestAsWritten(input: TokenRequestInput): Promise<IssuedToken | undefined> {
    const session = this.connection.current();
    const dangers = new DangerCheck(this.connection, session, { namespace: input.namespace, name: input.serviceAccount });
    return (await dangers.confirm()) ? this.issue(input, session) : undefined;
  }

  /** One POST with progress and cancellation, then the server's warnings and the person's choice of hand-off. */
  async issue(input: TokenRequestInput, session: ClusterSession = this.connection.current()): Promise<IssuedToken> {
    const issued = await withCancellableProgress(vscode.l10n.t('Requesting a token for {0}/{1}…', input.namespace, input.serviceAccount), (signal) =>
      this.connection.call((active) => active.requestToken(input, signal), session),
    );
    this.issuedTokens.add(issued);
    await this.rememberAudiences(accountKey(session.context.server, input.namespace, input.serviceAccount), input.audiences);
    for (const warning of issued.warnings) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The API server warned: {0}', visibleText(warning, 500)));
    }
    await this.handOff(session, issued);
    return issued;
  }

  /** A new token with the same options as `issued`, from the cluster that issued it. */
  renew(issued: IssuedToken): Promise<IssuedToken> {
    const session = this.connection.current();
    if (issued.server !== undefined && issued.server !== session.context.server) {
      throw new Error(
        vscode.l10n.t('That token came from {0}, but the active context {1} is {2}. Switch to a context of that cluster to request a new one.', visibleText(issued.server, 200), visibleText(session.context.name, 200), visibleText(session.context.server, 200)),
      );
    }
    return this.issue(renewalRequest(issued), session);
  }

  private async pickServiceAccount(session: ClusterSession): Promise<ServiceAccountRef | undefined> {
    const listing = session.listServiceAccounts();
    const namespaceItems = listing.then((result) =>
      result.namespaces.map((namespace) => ({ label: namespace.name, description: namespace.error ?? vscode.l10n.t('{0} ServiceAccounts', namespace.serviceAccounts.length), namespace })),
    );
    const namespace = await vscode.window.showQuickPick(namespaceItems, { title, placeHolder: vscode.l10n.t('Namespace (type to filter)') });
    if (!namespace) {
      return undefined;
    }
    const account = await vscode.window.showQuickPick(
      namespace.namespace.serviceAccounts.map((summary: ServiceAccountSummary) => ({ label: summary.name, description: summary.uid, summary })),
      { title, placeHolder: vscode.l10n.t('ServiceAccount in {0} (type to filter)', namespace.label) },
    );
    return account ? { namespace: account.summary.namespace, name: account.summary.name } : undefined;
  }

  private async collectOptions(session: ClusterSession, account: ServiceAccountRef): Promise<{ audiences: string[]; expirationSeconds?: number; boundObject?: BoundObject } | undefined> {
    const input = new MultiStepInput(4);
    const stepTitle = `${title}: ${account.namespace}/${account.name}`;
    let audiences: string[] = [];
    let expirationSeconds: number | undefined;
    let boundKind: BoundObjectKind | undefined;
    let boundObject: BoundObject | undefined;

    const finished = await input.run([
      async () => {
        const chosen = await this.pickAudiences(input, stepTitle, accountKey(session.context.server, account.namespace, account.name));
        audiences = chosen ?? [];
        return chosen !== undefined;
      },
      async () => {
        const chosen = await this.pickDuration(input, stepTitle, expirationSeconds);
        expirationSeconds = chosen?.seconds;
        return chosen !== undefined;
      },
      async () => {
        const status = this.connection.status;
        const noNodeBinding = nodeBindingUnavailable(status.state === 'connected' ? status.version : undefined);
        const kinds: BoundKindPick[] = [
          { label: vscode.l10n.t('Not bound'), description: vscode.l10n.t('valid until it expires'), boundKind: undefined },
          // API servers cache a successful review for about 10 s: a deleted object stops the token within seconds, not at once.
          { label: vscode.l10n.t('Pod'), description: vscode.l10n.t('stops working within seconds of the Pod being deleted'), boundKind: 'Pod' },
          { label: vscode.l10n.t('Secret'), description: vscode.l10n.t('stops working within seconds of the Secret being deleted'), boundKind: 'Secret' },
          ...(noNodeBinding ? [] : [{ label: vscode.l10n.t('Node'), description: vscode.l10n.t('stops working within seconds of the Node being deleted (Kubernetes 1.31+)'), boundKind: 'Node' as const }]),
        ];
        const placeholder = noNodeBinding ? vscode.l10n.t('Bind the token to an object? ({0}.)', noNodeBinding) : vscode.l10n.t('Bind the token to an object?');
        const chosen = await input.showPick({ title: stepTitle, placeholder, items: kinds, active: (item) => item.boundKind === boundKind });
        boundKind = chosen?.boundKind;
        return chosen !== undefined;
      },
      async () => {
        if (!boundKind) {
          boundObject = undefined;
          return true;
        }
        const kind = boundKind;
        const items = session.listBindableObjects(kind, account.namespace, account.name).then((objects): BoundObjectPick[] =>
          objects.map((object) => ({ label: object.name, description: object.detail, detail: vscode.l10n.t('uid {0}', object.uid), object: { kind, name: object.name, uid: object.uid } })),
        );
        const placeholder = kind === 'Pod' ? vscode.l10n.t('Pod running as {0}', account.name) : kind === 'Secret' ? vscode.l10n.t('Secret in {0}', account.namespace) : 'Node';
        const chosen = await input.showPick({ title: stepTitle, placeholder, items });
        boundObject = chosen?.object;
        return chosen !== undefined;
      },
    ]);
    return finished ? { audiences, expirationSeconds, boundObject } : undefined;
  }

  /** The lifetime: a preset, or what the person types (10m, 1h, 2h30m, 86400s); re-asked until it is one the server accepts. */
  private async pickDuration(input: MultiStepInput, stepTitle: string, current: number | undefined): Promise<DurationPick | undefined> {
    for (;;) {
      const chosen = await input.showPick<DurationPick>({
        title: stepTitle,
        placeholder: vscode.l10n.t('Token lifetime: pick one, or type one such as 2h30m and press Enter. The server may shorten it.'),
        items: durationPresets,
        active: (item) => item.seconds === current,
        typedItem: (value) => {
          const parsed = parseDuration(value);
          return 'error' in parsed
            ? { label: value, description: `$(error) ${parsed.error}`, alwaysShow: true, seconds: undefined, invalid: true }
            : { label: value, description: parsed.seconds === undefined ? vscode.l10n.t('the server default') : vscode.l10n.t('typed: {0}', formatSeconds(parsed.seconds)), alwaysShow: true, seconds: parsed.seconds };
        },
      });
      if (!chosen?.invalid) {
        return chosen;
      }
    }
  }

  /** Audiences: what the person types, this account's last choice (preselected), the setting's default, or a recent set. */
  private async pickAudiences(input: MultiStepInput, stepTitle: string, account: string): Promise<string[] | undefined> {
    const last = lastFor(readLastAudiences(this.state.get(lastAudiencesKey)), account);
    const choices = audienceChoices(last, Settings.defaultAudiences(), this.state.get<string[][]>(recentAudiencesKey, []));
    const items = choices.map(({ audiences, reason }): AudiencePick => ({
      // A manifest in the workspace may have named them: shown as the text they are.
      label: audiences.length > 0 ? audiences.map((audience) => visibleText(audience, 200)).join(', ') : vscode.l10n.t('The API server\'s own audiences'),
      description: audienceReasons[reason],
      audiences: [...audiences],
    }));
    // Offered, not forced: what each well-known audience is for, below the person's own choices.
    const known = offeredAudiences(choices.map((choice) => choice.audiences)).map((entry): AudiencePick => ({ label: entry.audience, description: entry.name, detail: entry.purpose, audiences: [entry.audience] }));
    const typed = await input.showPick<AudiencePick>({
      title: stepTitle,
      placeholder: vscode.l10n.t('Audiences: pick one, or type them separated by commas and press Enter'),
      items: [...items, ...known],
      typedItem: (value) => {
        const audiences = parseAudiences(value);
        const meaning = audiences.length === 1 ? audienceMeaning(audiences[0])?.name : undefined;
        return audiences.length > 0 ? { label: audiences.join(', '), description: meaning ? vscode.l10n.t('typed: {0}', meaning) : vscode.l10n.t('typed'), alwaysShow: true, audiences } : undefined;
      },
    });
    return typed?.audiences;
  }

  private async rememberAudiences(account: string, audiences: readonly string[]): Promise<void> {
    await this.state.update(lastAudiencesKey, rememberLast(readLastAudiences(this.state.get(lastAudiencesKey)), account, audiences));
    await this.state.update(recentAudiencesKey, rememberRecent(this.state.get<string[][]>(recentAudiencesKey, []), audiences));
  }
}
