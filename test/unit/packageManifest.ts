import { fileURLToPath } from 'node:url';
import { englishManifest } from '../../scripts/l10n';

/** The repository's folder. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** package.json as VS Code shows it in English: every `%key%` replaced by its text from package.nls.json. */
export const packageManifest = <T>(): T => englishManifest<T>(repoRoot);
