import { fileURLToPath } from 'node:url';

/**
 * Where the package's files are, whether the code runs from its TypeScript source (tsx, vitest:
 * this file is src/paths.ts) or compiled (`npm run build`, `npm start`, the Docker image: this file
 * is dist/src/paths.js). The folders that are not code (migrations/, public/) stay at the package
 * root and are never copied into dist/, so everything that reads them resolves them here.
 */
export const RUNNING_COMPILED = import.meta.url.endsWith('.js');

/** The package root (the folder of package.json), as a URL ending in '/'. */
export const PACKAGE_ROOT_URL = new URL(RUNNING_COMPILED ? '../../' : '../', import.meta.url);

/** A folder or file of the package, by its path from the package root, as a file system path. */
export function packagePath(relative: string): string {
  return fileURLToPath(new URL(relative, PACKAGE_ROOT_URL));
}
