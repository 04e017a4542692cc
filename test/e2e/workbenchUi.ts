// What both end-to-end files share: a workbench opened on the local cluster with the packaged .vsix,
// and what they do in it as a person does: wait for what should show (and keep a screenshot when it
// does not), find a row of a side bar tree, choose from a context menu or a quick pick.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { startLocalCluster, type LocalCluster } from '../cluster/server';

const root = resolve(__dirname, '..', '..');
export const screenshots = join(root, 'test-results', 'screenshots');

interface CodeServer {
  readonly url: string;
  readonly log: string;
  stop(): void;
}

export interface OpenWorkbench {
  readonly cluster: LocalCluster;
  readonly server: CodeServer;
  readonly page: Page;
  /** The folder the workbench has open, holding `.kubeconfig` (the cluster's, in KUBECONFIG) and an empty `notes.md`. */
  readonly workspace: string;
  close(): Promise<void>;
}

/**
 * Packages the .vsix, starts the local cluster, and opens code-server in headless Chromium on a new
 * workspace with the .vsix installed (and `extensionFolders` beside it), once the workbench shows.
 */
export async function openWorkbench(name: string, extensionFolders: readonly string[] = []): Promise<OpenWorkbench> {
  mkdirSync(screenshots, { recursive: true });
  execFileSync('node', ['scripts/package.mjs'], { cwd: root, stdio: 'inherit' });
  const cluster = await startLocalCluster();
  const workspace = mkdtempSync(join(tmpdir(), `kube-sa-tokens-${name}-`));
  const kubeconfig = join(workspace, '.kubeconfig');
  await cluster.writeKubeconfig(kubeconfig);
  writeFileSync(join(workspace, 'notes.md'), '# Tokens\n\n');
  const { startCodeServer } = (await import(join(root, 'scripts', 'vscode', 'codeServer.mjs'))) as { startCodeServer(options: object): Promise<CodeServer> };
  const { launchBrowser } = (await import(join(root, 'scripts', 'vscode', 'browser.mjs'))) as { launchBrowser(): Promise<BrowserContext> };
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  const close = async () => {
    await browser?.close();
    server?.stop();
    await cluster.close();
    rmSync(workspace, { recursive: true, force: true });
  };
  try {
    server = await startCodeServer({ env: { KUBECONFIG: kubeconfig }, extensions: [join(root, 'dist', 'kube-sa-tokens.vsix')], extensionFolders, trustWorkspaces: true });
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    return { cluster, server, page, workspace, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `page` and `log` are read when used: both files start code-server and the browser in `before`. */
export function workbenchUi(page: () => Page, log: () => string) {
  /** Waits for something a person should see, and says what was missing when it is not there. */
  async function shows(locator: Locator, what: string, timeoutMs = 20_000): Promise<Locator> {
    try {
      await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      await page().screenshot({ path: join(screenshots, `missing-${what.replace(/\W+/g, '-').toLowerCase()}.png`) });
      throw new Error(`${what} is not visible after ${timeoutMs / 1000} s (screenshot saved; code-server log: ${log()})`);
    }
    return locator.first();
  }

  async function screenshot(name: string): Promise<void> {
    await page().screenshot({ path: join(screenshots, `${name}.png`) });
  }

  /** A row of a side bar tree by its label (its accessible name also carries the tooltip). */
  const treeItem = (label: string | RegExp) =>
    page()
      .locator('.part.sidebar .monaco-list-row')
      .filter({ has: page().locator('.label-name', { hasText: typeof label === 'string' ? new RegExp(`^${label}$`) : label }) });

  /**
   * Right-clicks `row` and returns the menu's `entry` once the menu has settled. A right-click that
   * lands while the row's hover is opening shows no menu: a person right-clicks again, and so does this.
   */
  async function contextMenuEntry(row: Locator, entry: string): Promise<Locator> {
    const item = page().locator('.context-view .action-label', { hasText: entry }).filter({ visible: true });
    for (let attempt = 0; attempt < 3; attempt++) {
      await row.click({ button: 'right' });
      try {
        await item.first().waitFor({ state: 'visible', timeout: 5000 });
        break;
      } catch {
        await page().keyboard.press('Escape');
      }
    }
    const shown = await shows(item, `the context menu entry '${entry}'`);
    // A menu ignores a click that comes at once after it opened, as a person's never does.
    await page().waitForTimeout(300);
    return shown;
  }

  /**
   * Clicks a quick pick's row once the pointer has left the list. The list redraws under a resting
   * pointer, and the hover of the item below it (a pick's detail) can cover the row to click: a
   * full run lost a step that way. A person moves the mouse, and so does this.
   */
  async function chooseRow(row: Locator): Promise<void> {
    await page().mouse.move(0, 0);
    await page()
      .locator('.context-view .monaco-hover')
      .filter({ visible: true })
      .first()
      .waitFor({ state: 'hidden', timeout: 3000 });
    await row.click();
  }

  return { shows, screenshot, treeItem, contextMenuEntry, chooseRow };
}
