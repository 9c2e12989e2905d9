// The status bar item: indexing progress (the server's `$/progress`), then the size of
// the corpus (`glose/status`).
import * as vscode from 'vscode';
import type { LanguageClient, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageclient/node';

/** A workspace folder as `glose/status` reports it (docs/editors.md). */
interface FolderStatus {
  root: string;
  indexed: boolean;
  /** A load of the configuration and KB or an indexing run is under way. */
  busy: boolean;
  articles: number;
  skipped: number;
  entities: number;
}

export class Status implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('glose.status', vscode.StatusBarAlignment.Left, 10);
  /** Indexing runs in progress, by token, with their last message and percentage. */
  private readonly running = new Map<string, { message?: string; percentage?: number }>();
  private folders: FolderStatus[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.item.name = 'glose';
    this.item.command = 'glose.entities.focus';
    this.show('$(loading~spin) glose', 'glose: starting the language server');
  }

  private show(text: string, tooltip: string | vscode.MarkdownString): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.show();
  }

  /** A `$/progress` notification of the server; true when a run ended. */
  progress(token: string | number, value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd): boolean {
    const key = String(token);
    if (value.kind === 'end') {
      this.running.delete(key);
      if (this.running.size === 0) {
        void this.update();
      }
      return true;
    }
    const run = this.running.get(key) ?? {};
    if (value.message !== undefined) {
      run.message = value.message;
    }
    if (value.percentage !== undefined) {
      run.percentage = value.percentage;
    }
    this.running.set(key, run);
    const shown = [...this.running.values()].at(-1) ?? {};
    const percent = shown.percentage !== undefined ? ` ${shown.percentage}%` : '';
    this.show(`$(sync~spin) glose: indexing${percent}`, `glose: ${shown.message ?? 'indexing'}`);
    return false;
  }

  /** Asks the server for the size of the corpus. */
  async update(): Promise<void> {
    const client = this.client();
    if (!client || !client.isRunning()) {
      return;
    }
    try {
      this.folders = (await client.sendRequest<FolderStatus[]>('glose/status')) ?? [];
    } catch {
      return;
    }
    if (this.running.size > 0) {
      return;
    }
    const articles = this.folders.reduce((n, f) => n + f.articles, 0);
    const entities = this.folders.reduce((n, f) => n + f.entities, 0);
    const indexing = this.folders.some((f) => !f.indexed);
    const tooltip = new vscode.MarkdownString('**glose**\n\n');
    for (const f of this.folders) {
      tooltip.appendMarkdown(
        `- \`${f.root}\`: ${f.indexed ? (f.busy ? 'updating, ' : '') : 'not indexed yet, '}${f.articles} articles, ${f.entities} entities${f.skipped ? `, ${f.skipped} files skipped` : ''}\n`,
      );
    }
    tooltip.appendMarkdown('\nClick to show the entities.');
    this.show(`${indexing ? '$(sync~spin)' : '$(book)'} glose: ${articles} articles · ${entities} entities`, tooltip);
  }

  stopped(why: string): void {
    this.running.clear();
    this.show('$(error) glose', `glose: ${why}`);
    this.item.command = 'glose.showOutput';
  }

  started(): void {
    this.item.command = 'glose.entities.focus';
    void this.update();
  }

  dispose(): void {
    this.item.dispose();
  }
}
