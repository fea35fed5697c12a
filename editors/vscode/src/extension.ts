// Entry point: starts `incident-lint lsp`, shows its state in the status bar, folds headings and
// shows the server's timeline report in a webview.

import * as os from 'node:os';
import * as vscode from 'vscode';
import { LanguageClient, State } from 'vscode-languageclient/node';
import { foldingRanges } from './folding';
import { panelTitle, reportDocument, reportHtml, SHOW_REPORT_COMMAND, withReportInWebview } from './report';
import { buildServerCommand, findExecutable, missingExecutableMessage } from './serverCommand';
import { presentStatus, statusFromClientState, type ServerStatus } from './status';

const LANGUAGE_ID = 'incident';
const RESTART_COMMAND = 'incidentLint.restartServer';

let server: Server | undefined;

/** Called by VS Code when the first incident file opens or the restart command runs. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const statusItem = vscode.window.createStatusBarItem('incidentLint.status', vscode.StatusBarAlignment.Right);
  statusItem.name = 'incident-lint';
  statusItem.command = RESTART_COMMAND;
  const outputChannel = vscode.window.createOutputChannel('incident-lint');
  const reportPanels = new ReportPanels();
  server = new Server(statusItem, outputChannel, reportPanels);
  const activeServer = server;
  context.subscriptions.push(
    statusItem,
    outputChannel,
    reportPanels,
    vscode.commands.registerCommand(RESTART_COMMAND, () => activeServer.restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('incidentLint.path') || event.affectsConfiguration('incidentLint.args')) {
        void activeServer.restart();
      }
    }),
    vscode.languages.registerFoldingRangeProvider({ language: LANGUAGE_ID }, { provideFoldingRanges }),
  );
  await activeServer.restart();
}

/** Called by VS Code on shutdown; stops the server so that it does not outlive the editor. */
export async function deactivate(): Promise<void> {
  await server?.stop();
}

/** Owns the language client; start and stop requests run one after the other. */
class Server {
  private client: LanguageClient | undefined;
  private stopRequested = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly statusItem: vscode.StatusBarItem,
    private readonly outputChannel: vscode.OutputChannel,
    private readonly reportPanels: ReportPanels,
  ) {}

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stopClient();
      await this.startClient();
    });
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.stopClient());
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(task, task);
    return this.queue;
  }

  private async startClient(): Promise<void> {
    const settings = vscode.workspace.getConfiguration('incidentLint');
    const serverCommand = buildServerCommand(settings.get('path'), settings.get('args'), {
      homeDir: os.homedir(),
      workspaceDir: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    });
    const executable = findExecutable(serverCommand.command, process.env, process.platform);
    if (executable === undefined) {
      const message = missingExecutableMessage(serverCommand);
      this.showStatus('error', message);
      void showError(message);
      return;
    }

    const client = new LanguageClient(
      'incidentLint',
      'incident-lint',
      { command: executable, args: serverCommand.args },
      {
        documentSelector: [
          { scheme: 'file', language: LANGUAGE_ID },
          { scheme: 'untitled', language: LANGUAGE_ID },
        ],
        outputChannel: this.outputChannel,
        initializationOptions: withReportInWebview({}),
        middleware: {
          executeCommand: async (command, args, next) => {
            const result: unknown = await next(command, args);
            if (command === SHOW_REPORT_COMMAND) {
              const html = reportHtml(result);
              const documentUri = reportDocument(args);
              if (html !== undefined && documentUri !== undefined) {
                this.reportPanels.show(documentUri, html);
              }
            }
            return result;
          },
        },
      },
    );
    client.onDidChangeState((event) => {
      // Compiling fails here if the client gains a state that `ClientStateName` does not list.
      const stateName = State[event.newState] as keyof typeof State;
      this.showStatus(statusFromClientState(stateName, this.stopRequested));
    });
    this.client = client;
    this.stopRequested = false;
    this.showStatus('starting');
    try {
      await client.start();
    } catch (error) {
      // The client has already reported the failure in a notification and in the output channel.
      this.showStatus(
        'error',
        `incident-lint: the server failed to start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private async stopClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.stopRequested = true;
    if (client?.isRunning()) {
      await client.dispose();
    }
    this.showStatus('stopped');
  }

  private showStatus(status: ServerStatus, detail?: string): void {
    const presentation = presentStatus(status, detail);
    this.statusItem.text = presentation.text;
    this.statusItem.tooltip = presentation.tooltip;
    this.statusItem.backgroundColor = presentation.isError
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : undefined;
    this.statusItem.show();
  }
}

/** One timeline view per document, updated each time its lens is clicked. */
class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, vscode.WebviewPanel>();

  show(documentUri: string, html: string): void {
    let panel = this.panels.get(documentUri);
    if (panel === undefined) {
      // The page is self-contained: it needs no scripts and no local files.
      const created = vscode.window.createWebviewPanel(
        'incidentLint.timeline',
        panelTitle(documentUri),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableFindWidget: true, localResourceRoots: [] },
      );
      created.onDidDispose(() => this.panels.delete(documentUri));
      this.panels.set(documentUri, created);
      panel = created;
    } else {
      panel.reveal(vscode.ViewColumn.Beside, true);
    }
    panel.webview.html = html;
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) {
      panel.dispose();
    }
  }
}

async function showError(message: string): Promise<void> {
  const openSettings = 'Open Settings';
  if ((await vscode.window.showErrorMessage(message, openSettings)) === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'incidentLint.path');
  }
}

function provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
  const lines = Array.from({ length: document.lineCount }, (_, lineIdx) => document.lineAt(lineIdx).text);
  return foldingRanges(lines).map(
    (range) =>
      new vscode.FoldingRange(range.start, range.end, range.isRegion ? vscode.FoldingRangeKind.Region : undefined),
  );
}
