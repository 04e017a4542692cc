import * as vscode from 'vscode';

/**
 * Slow work behind a notification with a Cancel button; the button aborts the signal the work
 * was given. The notification closes as soon as the work settles, before anything asks the person more.
 */
export function withCancellableProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, cancellation) => {
    const abort = new AbortController();
    const listener = cancellation.onCancellationRequested(() => abort.abort());
    return work(abort.signal).finally(() => listener.dispose());
  });
}
