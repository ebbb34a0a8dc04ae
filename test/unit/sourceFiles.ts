import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The TypeScript files below `dir`, for tests that read the source tree's imports. */
export function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}
