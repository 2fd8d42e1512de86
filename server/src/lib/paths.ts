import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Repository root, whether running from src (tsx) or dist (node). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
