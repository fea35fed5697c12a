// Maps language client states to what the status bar item shows.
// This module does not import `vscode`, so its tests run under plain node.

/** The server states shown to the user. */
export type ServerStatus = 'starting' | 'running' | 'stopped' | 'error';

/** The names of the language client's `State` enum members. */
export type ClientStateName = 'Starting' | 'Running' | 'Stopped';

/** The text, tooltip and colour of the status bar item. */
export interface StatusPresentation {
  text: string;
  tooltip: string;
  isError: boolean;
}

/**
 * Maps a client state to a server status.
 * A stop that the extension did not ask for means the server exited or could not be restarted.
 */
export function statusFromClientState(state: ClientStateName, stopRequested: boolean): ServerStatus {
  switch (state) {
    case 'Starting':
      return 'starting';
    case 'Running':
      return 'running';
    case 'Stopped':
      return stopRequested ? 'stopped' : 'error';
  }
}

/** Describes a status for the status bar; `detail` explains an error. */
export function presentStatus(status: ServerStatus, detail?: string): StatusPresentation {
  const restartHint = 'Click to restart the server.';
  switch (status) {
    case 'starting':
      return { text: '$(loading~spin) incident-lint', tooltip: 'incident-lint server is starting.', isError: false };
    case 'running':
      return {
        text: '$(check) incident-lint',
        tooltip: `incident-lint server is running. ${restartHint}`,
        isError: false,
      };
    case 'stopped':
      return {
        text: '$(circle-slash) incident-lint',
        tooltip: `incident-lint server is stopped. ${restartHint}`,
        isError: false,
      };
    case 'error':
      return {
        text: '$(error) incident-lint',
        tooltip: `${detail ?? 'incident-lint server stopped unexpectedly; see the output panel.'} ${restartHint}`,
        isError: true,
      };
  }
}
