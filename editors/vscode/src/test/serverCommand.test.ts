// Tests building the server command from settings and finding the executable.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { buildServerCommand, findExecutable, missingExecutableMessage } from '../serverCommand';

const context = { homeDir: '/home/user', workspaceDir: '/work/project' };

describe('buildServerCommand', () => {
  test('defaults to incident-lint lsp', () => {
    assert.deepEqual(buildServerCommand('', [], context), {
      command: 'incident-lint',
      args: ['lsp'],
      fromSetting: false,
    });
  });

  test('appends extra arguments after lsp', () => {
    assert.deepEqual(buildServerCommand('  /opt/bin/incident-lint ', ['--config', 'ci.toml'], context), {
      command: '/opt/bin/incident-lint',
      args: ['lsp', '--config', 'ci.toml'],
      fromSetting: true,
    });
  });

  test('ignores settings of the wrong type', () => {
    assert.deepEqual(buildServerCommand(42, ['--verbose', 3, null], context), {
      command: 'incident-lint',
      args: ['lsp', '--verbose'],
      fromSetting: false,
    });
    assert.deepEqual(buildServerCommand(undefined, '--verbose', context).args, ['lsp']);
  });

  test('expands the home directory', () => {
    assert.equal(
      buildServerCommand('~/.cargo/bin/incident-lint', [], context).command,
      '/home/user/.cargo/bin/incident-lint',
    );
  });

  test('resolves relative paths against the workspace folder', () => {
    assert.equal(
      buildServerCommand('target/debug/incident-lint', [], context).command,
      '/work/project/target/debug/incident-lint',
    );
    assert.equal(
      buildServerCommand('./incident-lint', [], { ...context, workspaceDir: undefined }).command,
      './incident-lint',
    );
  });

  test('keeps a bare name for the PATH lookup', () => {
    assert.equal(buildServerCommand('incident-lint-nightly', [], context).command, 'incident-lint-nightly');
  });
});

describe('findExecutable', () => {
  const binDir = mkdtempSync(path.join(tmpdir(), 'incident-lint-test-'));
  const executable = path.join(binDir, 'incident-lint');
  writeFileSync(executable, '#!/bin/sh\n');
  chmodSync(executable, 0o755);
  const notExecutable = path.join(binDir, 'notes.txt');
  writeFileSync(notExecutable, 'text\n');
  chmodSync(notExecutable, 0o644);
  after(() => rmSync(binDir, { recursive: true, force: true }));

  const env = { PATH: ['/nonexistent', binDir].join(path.delimiter) };

  test('finds a bare name on PATH', () => {
    assert.equal(findExecutable('incident-lint', env, 'linux'), executable);
  });

  test('reports a missing binary as undefined', () => {
    assert.equal(findExecutable('incident-lint-missing', env, 'linux'), undefined);
    assert.equal(findExecutable('incident-lint', {}, 'linux'), undefined);
  });

  test('checks a path with a directory part directly', () => {
    assert.equal(findExecutable(executable, {}, 'linux'), executable);
    assert.equal(findExecutable(path.join(binDir, 'missing'), env, 'linux'), undefined);
  });

  test('rejects files without the executable bit', () => {
    assert.equal(findExecutable(notExecutable, {}, 'linux'), undefined);
  });

  test('tries PATHEXT extensions on Windows', () => {
    const windowsExecutable = path.join(binDir, 'incident-lint-win.EXE');
    writeFileSync(windowsExecutable, '');
    assert.equal(findExecutable('incident-lint-win', { ...env, PATHEXT: '.COM;.EXE' }, 'win32'), windowsExecutable);
    assert.equal(findExecutable('incident-lint-win', env, 'linux'), undefined);
    assert.equal(findExecutable(path.join(binDir, 'notes'), { PATHEXT: '.COM;.txt' }, 'win32'), notExecutable);
  });
});

describe('missingExecutableMessage', () => {
  test('points to the setting when the default is missing', () => {
    const message = missingExecutableMessage(buildServerCommand('', [], context));
    assert.match(message, /`incident-lint` was not found on PATH/);
    assert.match(message, /`incidentLint\.path`/);
  });

  test('names the configured path', () => {
    const message = missingExecutableMessage(buildServerCommand('/opt/incident-lint', [], context));
    assert.match(message, /`\/opt\/incident-lint` \(from `incidentLint\.path`\) is not an executable file/);
  });
});
