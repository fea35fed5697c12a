// Turns the extension settings into the command that starts `incident-lint lsp`.
// This module does not import `vscode`, so its tests run under plain node.

import { accessSync, constants, statSync } from 'node:fs';
import * as path from 'node:path';

/** The executable run when `incidentLint.path` is empty. */
export const DEFAULT_COMMAND = 'incident-lint';

/** The program and arguments that start the language server. */
export interface ServerCommand {
  command: string;
  args: string[];
  /** Whether `command` comes from `incidentLint.path` rather than the default. */
  fromSetting: boolean;
}

/** The directories that relative paths in the settings refer to. */
export interface PathContext {
  homeDir: string;
  workspaceDir: string | undefined;
}

/**
 * Builds the server command from the raw values of `incidentLint.path` and `incidentLint.args`.
 * Values of the wrong type are ignored, since settings files are not checked against the schema.
 */
export function buildServerCommand(pathSetting: unknown, argsSetting: unknown, context: PathContext): ServerCommand {
  const configured = typeof pathSetting === 'string' ? pathSetting.trim() : '';
  const extraArgs = Array.isArray(argsSetting)
    ? argsSetting.filter((arg): arg is string => typeof arg === 'string')
    : [];
  return {
    command: configured === '' ? DEFAULT_COMMAND : resolvePath(configured, context),
    args: ['lsp', ...extraArgs],
    fromSetting: configured !== '',
  };
}

/**
 * Finds the executable file that `command` names: the path itself when it has a directory part,
 * else the first match in the `PATH` directories (trying `PATHEXT` extensions on Windows).
 */
export function findExecutable(command: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  const extensions = platform === 'win32' ? ['', ...(env['PATHEXT'] ?? '.COM;.EXE;.BAT;.CMD').split(';')] : [''];
  const directories = hasDirectoryPart(command)
    ? ['']
    : (env['PATH'] ?? '').split(path.delimiter).filter((directory) => directory !== '');
  for (const directory of directories) {
    for (const extension of extensions) {
      const candidate = path.join(directory, command + extension);
      if (isExecutableFile(candidate, platform)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** The message shown when the server executable cannot be found. */
export function missingExecutableMessage(server: ServerCommand): string {
  if (server.fromSetting) {
    return `incident-lint: \`${server.command}\` (from \`incidentLint.path\`) is not an executable file.`;
  }
  return (
    `incident-lint: \`${DEFAULT_COMMAND}\` was not found on PATH. ` +
    'Install incident-lint, or set `incidentLint.path` to its location.'
  );
}

function resolvePath(configured: string, context: PathContext): string {
  if (configured === '~' || configured.startsWith('~/')) {
    return path.join(context.homeDir, configured.slice(1));
  }
  if (hasDirectoryPart(configured) && !path.isAbsolute(configured) && context.workspaceDir !== undefined) {
    return path.resolve(context.workspaceDir, configured);
  }
  return configured;
}

function hasDirectoryPart(command: string): boolean {
  return path.basename(command) !== command;
}

function isExecutableFile(candidate: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(candidate).isFile()) {
      return false;
    }
    if (platform !== 'win32') {
      accessSync(candidate, constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}
