// Copies the grammar from the repository's grammar/ folder into the extension,
// because vsce packages only files inside the extension folder.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const extensionRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(extensionRoot, '..', '..', 'grammar', 'incident.tmLanguage.json');
const target = join(extensionRoot, 'syntaxes', 'incident.tmLanguage.json');

mkdirSync(dirname(target), { recursive: true });
copyFileSync(source, target);
