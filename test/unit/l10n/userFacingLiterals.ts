import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { isLocalisingCall } from '../../../scripts/l10n';

/** English text written straight into a place VS Code shows to a person, instead of through `l10n.t`. */
export interface UserFacingLiteral {
  readonly file: string;
  readonly line: number;
  readonly place: string;
  readonly text: string;
  readonly node: ts.Expression;
}

/** `window.show…Message(...)` and `askInModal(...)`: every argument is shown (the message and the buttons). */
const messageFunctions = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
/** Fields of quick picks, input boxes, progress, tree items, status bar items and code lenses that VS Code shows. */
const shownFields = new Set(['label', 'description', 'detail', 'tooltip', 'title', 'placeHolder', 'placeholder', 'prompt', 'text', 'validationMessage', 'saveLabel', 'openLabel']);
/** Calls whose first argument is shown: tree item labels, Markdown, errors (a command shows its error's message), progress titles. */
const shownConstructors = new Set(['TreeItem', 'MarkdownString', 'Error']);
const shownMethods = new Set(['appendMarkdown', 'appendText', 'showQuickPick', 'showInputBox', 'withCancellableProgress', 'setStatusBarMessage']);

const hasWords = (text: string) => /[A-Za-z]{2,}/.test(text.replace(/\$\([\w~-]+\)/g, ''));
/**
 * Calls whose literal arguments are for the log, not for a person: the log's methods, and the label
 * `guarded` logs a failure under (its first text argument). Every other call that is handed words
 * may put them in a message (`confirmSend('a token', …)`, `progress.report(`${n} of ${total}`)`).
 */
const logMethods = new Set(['trace', 'debug', 'info', 'warn', 'error', 'appendLine']);
const isLogged = (call: ts.CallExpression | ts.NewExpression, index: number) => {
  const name = calleeName(call.expression);
  return (name !== undefined && logMethods.has(name) && ts.isPropertyAccessExpression(call.expression) && /log/i.test(call.expression.expression.getText())) || (name === 'guarded' && index === 1);
};
/** Two words or more, a value in a template counting as one (`'a token'`, `this ${kind}`, `${n} of ${total}`), or one word with an ellipsis, as a link or menu title (`'Revoke…'`). */
const isPhrase = (text: string) => /[A-Za-z]+\s+[A-Za-z]|[A-Za-z](…|\.\.\.)$/.test(text.replace(/\$\([\w~-]+\)/g, ''));

function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) {
    return expression.text;
  }
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : undefined;
}

/** The literal text parts of an expression shown as it is: literals, templates, and the branches and sums made of them. */
function literalsIn(expression: ts.Expression): ts.Expression[] {
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
    return hasWords(expression.text) ? [expression] : [];
  }
  if (ts.isTemplateExpression(expression)) {
    const text = [expression.head.text, ...expression.templateSpans.map((span) => span.literal.text)].join(' ');
    return hasWords(text) ? [expression] : [];
  }
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) {
    return literalsIn(expression.expression);
  }
  if (ts.isConditionalExpression(expression)) {
    return [...literalsIn(expression.whenTrue), ...literalsIn(expression.whenFalse)];
  }
  if (ts.isBinaryExpression(expression) && [ts.SyntaxKind.PlusToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(expression.operatorToken.kind)) {
    return [...literalsIn(expression.left), ...literalsIn(expression.right)];
  }
  if (ts.isArrayLiteralExpression(expression)) {
    return expression.elements.flatMap((element) => (ts.isSpreadElement(element) ? [] : literalsIn(element)));
  }
  return [];
}

/** The literals of one source file that reach a person without `l10n.t`. */
export function userFacingLiteralsIn(fileName: string, source: string): { place: string; node: ts.Expression }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: { place: string; node: ts.Expression }[] = [];
  const add = (place: string, expression: ts.Expression | undefined) => {
    for (const node of expression ? literalsIn(expression) : []) {
      found.push({ place, node });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = calleeName(node.expression);
      const args = node.arguments ?? [];
      if (name && (messageFunctions.has(name) || name === 'askInModal')) {
        args.forEach((arg) => add(name, arg));
      } else if (name && (shownConstructors.has(name) || shownMethods.has(name))) {
        add(name, args[0]);
      } else if (!isLocalisingCall(node)) {
        args.forEach((arg, index) => {
          for (const literal of isLogged(node, index) ? [] : literalsIn(arg)) {
            const text = ts.isTemplateExpression(literal) ? [literal.head.text, ...literal.templateSpans.map((span) => `X${span.literal.text}`)].join('') : (literal as ts.StringLiteral).text;
            if (isPhrase(text)) {
              found.push({ place: `argument of ${name ?? 'a call'}`, node: literal });
            }
          }
        });
      }
    } else if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) && shownFields.has(node.name.text)) {
      add(`${node.name.text}:`, node.initializer);
    } else if ((ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) && ts.isIdentifier(node.name) && node.name.text === 'validateInput' && node.initializer && ts.isArrowFunction(node.initializer)) {
      // An input box shows what validateInput returns.
      const body = node.initializer.body;
      if (ts.isBlock(body)) {
        const returns = (inner: ts.Node): void => (ts.isReturnStatement(inner) ? add('validateInput', inner.expression) : ts.isFunctionLike(inner) ? undefined : ts.forEachChild(inner, returns));
        ts.forEachChild(body, returns);
      } else {
        add('validateInput', body);
      }
    } else if (ts.isPropertyAssignment(node) && node.name.getText() === 'filters' && ts.isObjectLiteralExpression(node.initializer)) {
      // A file dialog shows the names of its filters.
      for (const filter of node.initializer.properties) {
        if (filter.name && !ts.isComputedPropertyName(filter.name) && /[A-Za-z]{2,}/.test(filter.name.getText())) {
          found.push({ place: 'filters:', node: filter.name as unknown as ts.Expression });
        }
      }
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && shownFields.has(node.left.name.text)) {
      add(`.${node.left.name.text} =`, node.right);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name))
    .sort();
}

/** Every user-facing literal in the editor adapters (src/features/** and src/extension.ts). */
export function userFacingLiterals(root: string): UserFacingLiteral[] {
  const files = [...typeScriptFiles(join(root, 'src', 'features')), join(root, 'src', 'extension.ts')];
  return files.flatMap((path) => {
    const source = readFileSync(path, 'utf8');
    return userFacingLiteralsIn(path, source).map(({ place, node }) => {
      const start = node.getStart();
      return { file: relative(root, path), line: node.getSourceFile().getLineAndCharacterOfPosition(start).line + 1, place, text: node.getText(), node };
    });
  });
}

if (process.argv[1]?.endsWith('userFacingLiterals.ts')) {
  for (const { file, line, place, text } of userFacingLiterals(join(import.meta.dirname, '..', '..', '..'))) {
    console.log(`${file}:${line} ${place} ${text}`);
  }
}
