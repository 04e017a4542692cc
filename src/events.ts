/**
 * A minimal event emitter for the pure core, shaped like VS Code's `Event` so adapters can hand
 * these events to anything that takes a VS Code event, without the core importing `vscode`.
 */

export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event: Event<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(value: T): void {
    // A copy: a listener may unsubscribe (or subscribe another) while being told.
    for (const listener of [...this.listeners]) {
      listener(value);
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
