import * as vscode from 'vscode';

/** Work that settles sooner shows no notification at all: nothing flashes, nothing is left over the next prompt. */
const quietMs = 150;
/**
 * VS Code keeps a progress notification open at least this long after it appears, however soon
 * the work settles (its progress service waits for both), and an extension cannot close it sooner.
 */
const shortestNotificationMs = 800;

const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Slow work behind a notification with a Cancel button; the button aborts the signal the work
 * was given, and `report` sets the line under the title (the latest one shows once the
 * notification appears). Resolves only once the notification has closed, so it never covers the
 * quick pick or input box that asks the person what comes next.
 */
export async function withCancellableProgress<T>(title: string, work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  let latest: string | undefined;
  let shown: vscode.Progress<{ message?: string }> | undefined;
  const working = work(abort.signal, (message) => {
    latest = message;
    shown?.report({ message });
  });
  const settledQuietly = await Promise.race([working.then(() => true, () => true), after(quietMs).then(() => false)]);
  if (settledQuietly) {
    return working;
  }
  const shownAt = Date.now();
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, cancellation) => {
      shown = progress;
      progress.report({ message: latest });
      const listener = cancellation.onCancellationRequested(() => abort.abort());
      return working.finally(() => listener.dispose());
    });
  } finally {
    await after(shownAt + shortestNotificationMs - Date.now());
  }
}
