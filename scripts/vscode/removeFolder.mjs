// Scratch folders of a test run (a code-server job, a browser profile, a workspace) go when the run
// is done with them: each weighs a few MB, and runs are many.
import { rmSync } from 'node:fs';

/** Removes `folder` and what it holds; a failure is reported, never thrown, since the run it served is over. */
export function removeFolder(folder) {
  try {
    rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  } catch (error) {
    console.warn(`Could not remove ${folder}: ${error.message}`);
  }
}
