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
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.step = this.stepNumber;
    box.totalSteps = this.totalSteps;
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.value = options.value ?? '';
    box.ignoreFocusOut = true;
    box.buttons = this.stepNumber > 1 ? [vscode.QuickInputButtons.Back] : [];
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
        box.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) {
            reject(new BackPressed());
            box.hide();
          }
        }),
        box.onDidHide(() => {
          resolve(undefined);
          vscode.Disposable.from(...disposables, box).dispose();
        }),
      ];
      box.show();
    });
  }

  showPick<T extends vscode.QuickPickItem>(options: PickStepOptions<T>): Promise<T | undefined> {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = options.title;
    pick.step = this.stepNumber;
    pick.totalSteps = this.totalSteps;
    pick.placeholder = options.placeholder;
    pick.ignoreFocusOut = true;
    pick.matchOnDescription = true;
    pick.matchOnDetail = true;
    pick.buttons = this.stepNumber > 1 ? [vscode.QuickInputButtons.Back] : [];
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
        pick.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) {
            reject(new BackPressed());
            pick.hide();
          }
        }),
        pick.onDidHide(() => {
          resolve(undefined);
          vscode.Disposable.from(...disposables, pick).dispose();
        }),
      ];
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
}
