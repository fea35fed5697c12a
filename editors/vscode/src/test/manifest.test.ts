// Checks that package.json, the language configuration and the snippets agree with each other and with the code.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

interface Manifest {
  main: string;
  contributes: {
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    snippets: { language: string; path: string }[];
    commands: { command: string }[];
    configuration: { properties: Record<string, { enum?: string[] }> };
  };
}

interface LanguageConfiguration {
  comments: { blockComment: [string, string] };
  folding: { markers: { start: string; end: string } };
}

interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}

const extensionRoot = path.resolve(__dirname, '..', '..');

function readJson<T>(relativePath: string): T {
  return JSON.parse(readFileSync(path.join(extensionRoot, relativePath), 'utf8')) as T;
}

describe('package.json', () => {
  const { main, contributes } = readJson<Manifest>('package.json');

  test('contributes the incident language and grammar for both extensions', () => {
    assert.deepEqual(
      contributes.languages.map((language) => [language.id, language.extensions]),
      [['incident', ['.incident', '.incident.md']]],
    );
    assert.deepEqual(
      contributes.grammars.map((grammar) => [grammar.language, grammar.scopeName]),
      [['incident', 'text.incident']],
    );
  });

  test('points only at files that exist', () => {
    const paths = [
      main,
      ...contributes.languages.map((language) => language.configuration),
      ...contributes.grammars.map((grammar) => grammar.path),
      ...contributes.snippets.map((snippets) => snippets.path),
    ];
    for (const relativePath of paths) {
      assert.ok(existsSync(path.join(extensionRoot, relativePath)), `${relativePath} is missing`);
    }
  });

  test('declares the settings and the command that the code uses', () => {
    const properties = contributes.configuration.properties;
    assert.deepEqual(Object.keys(properties).sort(), [
      'incidentLint.args',
      'incidentLint.path',
      'incidentLint.trace.server',
    ]);
    assert.deepEqual(properties['incidentLint.trace.server']?.enum, ['off', 'messages', 'verbose']);
    const extensionSource = readFileSync(path.join(extensionRoot, 'src', 'extension.ts'), 'utf8');
    for (const { command } of contributes.commands) {
      assert.ok(extensionSource.includes(`'${command}'`), `${command} is not registered`);
    }
  });
});

describe('language-configuration.json', () => {
  const configuration = readJson<LanguageConfiguration>('language-configuration.json');

  test('uses HTML comments', () => {
    assert.deepEqual(configuration.comments.blockComment, ['<!--', '-->']);
  });

  test('has folding markers for region comments only', () => {
    const start = new RegExp(configuration.folding.markers.start);
    const end = new RegExp(configuration.folding.markers.end);
    assert.ok(start.test('<!-- #region timeline details -->'));
    assert.ok(end.test('<!-- #endregion -->'));
    assert.ok(!start.test('<!-- incident-lint disable INC001 -->'));
  });
});

describe('snippets', () => {
  const snippets = Object.entries(readJson<Record<string, Snippet>>('snippets/incident.json'));

  test('offer a new incident, an OODA loop, a verdict and an action item', () => {
    assert.deepEqual(snippets.map(([, snippet]) => snippet.prefix).sort(), ['action', 'incident', 'ooda', 'verdict']);
  });

  test('each have a body and a description', () => {
    for (const [name, snippet] of snippets) {
      assert.ok(snippet.body.length > 0, `${name} has no body`);
      assert.ok(snippet.description.length > 0, `${name} has no description`);
    }
  });
});
