// glose for VS Code: starts `glose lsp` for articles and shows what it knows of the
// corpus (Entities and Quotes views, status bar item).
import * as vscode from 'vscode';
import {
  InlayHintRequest,
  LanguageClient,
  LanguageClientOptions,
  SemanticTokensRegistrationType,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { EntitiesView, entityOf } from './entities';
import { QuotesView } from './quotes';
import { findServer, reportMissing } from './server';
import { Status } from './status';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let status: Status;
let entities: EntitiesView;
let quotes: QuotesView;
/** The version each open document had when its diagnostics last came, by URI. */
const diagnosedVersions = new Map<string, number>();

/** The kind of the server's code actions that correct an annotation. */
const CORRECT_KIND = 'refactor.glose.correct';

/** Diagnostics came for `uri`: if the document is as it was when the last ones came, the
 * server analysed it again without an edit (a correction, a changed KB, new settings),
 * and its colours and inlay hints may have changed too. VS Code asks for those after
 * edits only; the client's providers are told to ask again. */
function diagnosed(c: LanguageClient, uri: vscode.Uri): void {
  const key = uri.toString();
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  if (!document) {
    return;
  }
  if (diagnosedVersions.get(key) === document.version) {
    c.getFeature(SemanticTokensRegistrationType.method)?.getProvider(document)?.onDidChangeSemanticTokensEmitter.fire();
    c.getFeature(InlayHintRequest.method)?.getProvider(document)?.onDidChangeInlayHints.fire();
  }
  diagnosedVersions.set(key, document.version);
}

/** The settings the server takes, as `initializationOptions` (docs/editors.md). */
function serverSettings() {
  const c = vscode.workspace.getConfiguration('glose');
  return {
    debounceMs: c.get<number>('debounceMs', 150),
    // Native plugins named by the corpus's glose.toml run only in a workspace VS Code
    // trusts (Workspace Trust), unless the user turned them off; `glose trust` on the
    // command line allows them too, whatever is sent here.
    trustPlugins: vscode.workspace.isTrusted && c.get<boolean>('trustPlugins', true),
    kb: c.get<string[]>('kb', []),
    plugins: c.get<string[]>('plugins', []),
    diagnostics: {
      enabled: c.get<boolean>('diagnostics.enabled', true),
      level: c.get<string>('diagnostics.level', 'hint'),
    },
  };
}

async function start(): Promise<void> {
  diagnosedVersions.clear();
  const found = findServer();
  if ('problem' in found) {
    status.stopped(found.problem);
    output.appendLine(`cannot start the language server: ${found.problem}`);
    void reportMissing(found.problem);
    return;
  }
  output.appendLine(`starting ${found.path} lsp`);
  const serverOptions: ServerOptions = {
    command: found.path,
    args: ['lsp'],
    options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'plaintext' },
      { scheme: 'file', pattern: '**/*.txt' },
      // glose.toml and the knowledge base's files, for their problems; the server
      // leaves other TOML files alone.
      { scheme: 'file', pattern: '**/*.toml' },
    ],
    initializationOptions: serverSettings(),
    // The server merges what `workspace/didChangeConfiguration` gives under `glose`.
    synchronize: { configurationSection: 'glose' },
    outputChannel: output,
    middleware: {
      // VS Code leaves hints out of the Problems panel: shown as information there,
      // unless glose.diagnostics.hintsAsInformation is off.
      handleDiagnostics: (uri, diagnostics, next) => {
        if (vscode.workspace.getConfiguration('glose', uri).get<boolean>('diagnostics.hintsAsInformation', true)) {
          for (const d of diagnostics) {
            if (d.severity === vscode.DiagnosticSeverity.Hint) {
              d.severity = vscode.DiagnosticSeverity.Information;
            }
          }
        }
        next(uri, diagnostics);
        if (client) {
          diagnosed(client, uri);
        }
      },
      handleWorkDoneProgress: (token, params, next) => {
        next(token, params);
        if (status.progress(token, params)) {
          entities.refresh();
          quotes.refresh();
        }
      },
    },
  };
  const c = new LanguageClient('glose', 'glose', serverOptions, clientOptions);
  c.onDidChangeState((e) => {
    if (e.newState === State.Stopped) {
      status.stopped('the language server is not running');
    }
  });
  client = c;
  try {
    await c.start();
  } catch (e) {
    status.stopped('the language server failed to start');
    void vscode.window.showErrorMessage(`glose: the language server failed to start: ${e instanceof Error ? e.message : e}`, 'Show output')
      .then((choice) => choice && output.show());
    return;
  }
  status.started();
  entities.refresh();
  quotes.refresh();
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop(5000);
    } catch {
      // Already stopped, or it did not answer: nothing left to do.
    }
    await c.dispose(2000).catch(() => undefined);
  }
}

async function restart(): Promise<void> {
  await stop();
  entities.refresh();
  quotes.refresh();
  await start();
}

/** The running client, or a message saying there is none. */
function running(): LanguageClient | undefined {
  if (client?.isRunning()) {
    return client;
  }
  void vscode.window.showWarningMessage('glose: the language server is not running.', 'Restart').then((choice) => {
    if (choice) {
      void vscode.commands.executeCommand('glose.restartServer');
    }
  });
  return undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('glose');
  status = new Status(() => client);
  entities = new EntitiesView(() => client);
  const tree = vscode.window.createTreeView('glose.entities', { treeDataProvider: entities, showCollapseAll: true });
  quotes = new QuotesView(() => client);
  const quotesTree = vscode.window.createTreeView('glose.quotes', { treeDataProvider: quotes, showCollapseAll: true });
  quotes.attach(quotesTree);
  context.subscriptions.push(
    output,
    status,
    tree,
    quotesTree,
    vscode.commands.registerCommand('glose.reindex', async () => {
      await running()?.sendRequest('glose/reindex');
    }),
    vscode.commands.registerCommand('glose.showMentions', async () => {
      if (!vscode.window.activeTextEditor) {
        void vscode.window.showInformationMessage('glose: put the cursor on a name in an article first.');
        return;
      }
      if (running()) {
        // The server's references: every mention of the entity, and its KB entry.
        await vscode.commands.executeCommand('editor.action.referenceSearch.trigger');
      }
    }),
    vscode.commands.registerCommand('glose.correct', async () => {
      if (!vscode.window.activeTextEditor) {
        void vscode.window.showInformationMessage('glose: put the cursor on a name in an article, or select words, first.');
        return;
      }
      // The code action menu with the server's corrections only (glose.applyCorrection
      // and glose.removeCorrection are the server's commands, which the client runs).
      await vscode.commands.executeCommand('editor.action.codeAction', { kind: CORRECT_KIND, apply: 'never' });
    }),
    vscode.workspace.onDidCloseTextDocument((d) => diagnosedVersions.delete(d.uri.toString())),
    vscode.commands.registerCommand('glose.restartServer', restart),
    vscode.commands.registerCommand('glose.showOutput', () => output.show()),
    vscode.commands.registerCommand('glose.entities.refresh', () => {
      entities.refresh();
      void status.update();
    }),
    vscode.commands.registerCommand('glose.entities.showMentions', (node) => entities.showMentions(node)),
    vscode.commands.registerCommand('glose.showQuotes', async (node?: unknown) => {
      // From the Entities view: that entity; from the editor: the name under the
      // cursor, else the article.
      if (running()) {
        await quotes.showFor(entityOf(node));
      }
    }),
    vscode.commands.registerCommand('glose.quotes.refresh', () => quotes.refresh()),
    vscode.commands.registerCommand('glose.quotes.showAll', () => quotes.showAll()),
    // Trust granted: the plugins of glose.toml may now run, in a new server.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void restart()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // A new server; or diagnostics already shown, to be published again.
      if (e.affectsConfiguration('glose.server.path') || e.affectsConfiguration('glose.diagnostics.hintsAsInformation')) {
        void restart();
      }
    }),
  );
  await start();
}

export function deactivate(): Promise<void> {
  return stop();
}
