import { fileURLToPath } from 'node:url';

/** The project root (this file is `src/paths.ts` in the sources and `lib/paths.js` when built). */
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A file under `templates/`. */
export function templatePath(name: string): string {
  return fileURLToPath(new URL(`../templates/${name}`, import.meta.url));
}
