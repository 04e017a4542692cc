import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CommandIds } from '../../../src/commandIds';
import { packageManifest } from '../packageManifest';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; svg?: string; altText?: string };
  completionEvents?: string[];
}

interface Manifest {
  contributes: {
    walkthroughs: { id: string; title: string; steps: Step[] }[];
    views: Record<string, { id: string }[]>;
  };
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = packageManifest<Manifest>();
const steps = manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps);
const viewIds = new Set(Object.values(manifest.contributes.views).flat().map((view) => view.id));

/** The walkthrough's context keys, read from their one definition (a vscode module, so read as text). */
const stepKeys = new Map(
  [...readFileSync(join(root, 'src/features/walkthrough/walkthroughSteps.ts'), 'utf8').matchAll(/^\s+(\w+): '(kubeSaTokens\.walkthrough\.[\w.]+)',$/gm)].map(([, name, key]) => [key, name]),
);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : []));
}
const sources = sourceFiles(join(root, 'src')).map((file) => readFileSync(file, 'utf8'));

/** Commands a step's buttons may run besides ours: VS Code's own, with the arguments they take. */
const builtInCommands = new Set(['workbench.action.files.newUntitledFile', ...[...viewIds].map((id) => `${id}.focus`)]);

test('the walkthrough has the five steps of the issue, in order', () => {
  assert.deepEqual(
    steps.map((step) => step.id),
    ['connect', 'requestToken', 'hoverToken', 'writeTokenRequest', 'permissions'],
  );
});

test('each step completes when the person has done it: its events name a real command, view, or a context key the code sets', () => {
  for (const step of steps) {
    assert.ok(step.completionEvents?.length, `${step.id} has completion events (without them a step completes when merely opened)`);
    for (const event of step.completionEvents ?? []) {
      const [kind, name] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
      if (kind === 'onCommand') {
        assert.ok((Object.values(CommandIds) as string[]).includes(name), `${step.id}: ${event} names no command of ours`);
      } else if (kind === 'onView') {
        assert.ok(viewIds.has(name), `${step.id}: ${event} names no view of ours`);
      } else {
        assert.equal(kind, 'onContext', `${step.id}: ${event}`);
        const constant = stepKeys.get(name);
        assert.ok(constant, `${step.id}: ${name} is not a WalkthroughSteps key`);
        assert.ok(
          sources.some((source) => source.includes(`walkthrough.complete(WalkthroughSteps.${constant})`)),
          `${step.id}: nothing in src/ sets ${name}`,
        );
      }
    }
  }
});

test('every walkthrough context key completes a step', () => {
  const used = new Set(steps.flatMap((step) => step.completionEvents ?? []));
  for (const key of stepKeys.keys()) {
    assert.ok(used.has(`onContext:${key}`), `${key} completes no step`);
  }
  assert.equal(stepKeys.size, 5);
});

test('every step has its media file, and its buttons run real commands', () => {
  for (const step of steps) {
    const media = step.media.markdown ?? step.media.svg ?? step.media.image;
    assert.ok(media && existsSync(join(root, media)), `${step.id}: media ${media} exists`);
    if (step.media.image) {
      assert.ok(step.media.altText, `${step.id}: an image has alt text`);
    }
    for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g)) {
      assert.ok((Object.values(CommandIds) as string[]).includes(command) || builtInCommands.has(command), `${step.id}: button runs unknown command ${command}`);
    }
  }
});

test('the media files are in the package', () => {
  const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
  for (const step of steps) {
    assert.match(step.media.markdown ?? '', /^resources\//);
  }
  assert.match(ignore, /^!resources\/\*\*$/m);
});
