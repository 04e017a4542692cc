import * as vscode from 'vscode';

/** Thrown out of a step when the person presses Back; the flow re-runs the previous step. */
class BackPressed extends Error {}

export interface InputStepOptions {
  readonly title: string;
  readonly prompt: string;
  readonly value?: string;
  readonly placeholder?: string;
  /** Returns an error message, or undefined when the value is acceptable. */
  readonly validate: (value: string) => string | undefined;
}

export interface PickStepOptions<T extends vscode.QuickPickItem> {
  readonly title: string;
  readonly placeholder: string;
  readonly items: readonly T[] | Promise<readonly T[]>;
  readonly active?: (item: T) => boolean;
  /** Lets the person type a value: it becomes the first item while they type. */
  readonly typedItem?: (value: string) => T | undefined;
}

/**
 * Step-by-step input with a Back button and Escape to cancel, in the shape of VS Code's own
 * multi-step quick input sample. Each step resolves to a value, or undefined when cancelled.
 */
export class MultiStepInput {
  private stepNumber = 0;

  constructor(private readonly totalSteps: number) {}

  /** Runs steps in order; a step resolves false when the person cancelled, which ends the flow. */
  async run(steps: readonly (() => Promise<boolean>)[]): Promise<boolean> {
    let index = 0;
    while (index < steps.length) {
      this.stepNumber = index + 1;
      try {
        if (!(await steps[index]())) {
          return false;
        }
        index += 1;
      } catch (error) {
        if (!(error instanceof BackPressed)) {
          throw error;
        }
        index = Math.max(0, index - 1);
      }
    }
    return true;
  }

  showInput(options: InputStepOptions): Promise<string | undefined> {
    const box = this.prepare(vscode.window.createInputBox(), options.title);
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    return new Promise<string | undefined>((resolve, reject) => {
      const disposables: vscode.Disposable[] = [
        box.onDidChangeValue((value) => (box.validationMessage = options.validate(value))),
        box.onDidAccept(() => {
          const problem = options.validate(box.value);
          box.validationMessage = problem;
          if (!problem) {
            resolve(box.value);
            box.hide();
          }
        }),
      ];
      this.settleOnBackOrHide(box, disposables, resolve, reject);
      box.show();
    });
  }

  showPick<T extends vscode.QuickPickItem>(options: PickStepOptions<T>): Promise<T | undefined> {
    const pick = this.prepare(vscode.window.createQuickPick<T>(), options.title);
    pick.placeholder = options.placeholder;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.busy = true;
    let baseItems: readonly T[] = [];
    return new Promise<T | undefined>((resolve, reject) => {
      const disposables: vscode.Disposable[] = [
        pick.onDidChangeValue((value) => {
          const typed = options.typedItem?.(value);
          if (options.typedItem) {
            pick.items = typed ? [typed, ...baseItems] : baseItems;
          }
        }),
        pick.onDidAccept(() => {
          const [chosen] = pick.selectedItems;
          if (chosen) {
            resolve(chosen);
            pick.hide();
          }
        }),
      ];
      this.settleOnBackOrHide(pick, disposables, resolve, reject);
      Promise.resolve(options.items).then(
        (items) => {
          baseItems = items;
          pick.items = items;
          const active = options.active ? items.filter(options.active) : [];
          if (active.length > 0) {
            pick.activeItems = active;
          }
          pick.busy = false;
        },
        (error: unknown) => {
          reject(error);
          pick.hide();
        },
      );
      pick.show();
    });
  }

  /** Title, step counter and a Back button from the second step on. */
  private prepare<Input extends vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>>(input: Input, title: string): Input {
    input.title = title;
    input.step = this.stepNumber;
    input.totalSteps = this.totalSteps;
    input.ignoreFocusOut = true;
    input.buttons = this.stepNumber > 1 ? [vscode.QuickInputButtons.Back] : [];
    return input;
  }

  /** Back rejects with BackPressed so run() repeats the previous step; hiding (Escape) resolves undefined. */
  private settleOnBackOrHide(input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, disposables: vscode.Disposable[], resolve: (value: undefined) => void, reject: (error: Error) => void): void {
    disposables.push(
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          reject(new BackPressed());
          input.hide();
        }
      }),
      input.onDidHide(() => {
        resolve(undefined);
        vscode.Disposable.from(...disposables, input).dispose();
      }),
    );
  }
}
