// Runs the annotated grammar tests in test/grammar with vscode-tmgrammar-test, one test per file.
// The incident grammar comes from package.json (the copy that is packaged); Markdown from tm-grammars.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

const extensionRoot = path.resolve(__dirname, '..', '..');
const grammarTestDir = path.join(extensionRoot, 'test', 'grammar');
const markdownGrammar = require.resolve('tm-grammars/grammars/markdown.json');
const testerPackage = require.resolve('vscode-tmgrammar-test/package.json');
const tester = path.join(
  path.dirname(testerPackage),
  (JSON.parse(readFileSync(testerPackage, 'utf8')) as { bin: Record<string, string> }).bin['vscode-tmgrammar-test']!,
);

describe('grammar', () => {
  test('the packaged grammar is the one in grammar/ (run `npm run build`)', () => {
    const source = readFileSync(path.join(extensionRoot, '..', '..', 'grammar', 'incident.tmLanguage.json'), 'utf8');
    const packaged = readFileSync(path.join(extensionRoot, 'syntaxes', 'incident.tmLanguage.json'), 'utf8');
    assert.ok(source === packaged, 'syntaxes/incident.tmLanguage.json is out of date');
  });

  const testFiles = readdirSync(grammarTestDir).filter((file) => file.endsWith('.incident'));
  test('has test files', () => {
    assert.ok(testFiles.length > 0);
  });

  for (const file of testFiles) {
    test(file, () => {
      const run = spawnSync(process.execPath, [tester, '-g', markdownGrammar, path.join(grammarTestDir, file)], {
        cwd: extensionRoot,
        encoding: 'utf8',
        timeout: 60_000,
      });
      // The tester warns on stderr about every language that Markdown embeds; only its report matters.
      assert.equal(run.status, 0, run.stdout + (run.error?.message ?? ''));
    });
  }
});
