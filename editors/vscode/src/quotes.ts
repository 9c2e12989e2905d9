// The Quotes view: the corpus's quotes from `glose/quotes`, grouped by speaker, each
// opening its place in its article. The view shows every quote of the corpus, or those
// of one speaker or one article (glose: Show Quotes of This Entity or Article).
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient, Position as LspPosition, Range as LspRange } from 'vscode-languageclient/node';
import { LoadOnce } from './once';

/** An item of `glose/quotes` (docs/editors.md). */
export interface QuoteItem {
  uri: string;
  range: LspRange;
  text: string;
  speaker: string | null;
  speakerEntity: string | null;
  verb: string | null;
  anonymous: boolean;
  speakerRange: LspRange | null;
}

/** Parameters of `glose/quotes`. */
interface QuotesParams {
  entity?: string;
  uri?: string;
  position?: LspPosition;
}

/** What the view shows: every quote, or those of a speaker or of an article. */
interface Scope {
  params: QuotesParams;
  /** Shown in the view's title bar. */
  title?: string;
}

class Speaker {
  constructor(readonly key: string, readonly name: string, readonly quotes: QuoteItem[], readonly kind: 'named' | 'anonymous' | 'none') {}
}

class Quote {
  constructor(readonly item: QuoteItem) {}
}

type Node = Speaker | Quote;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A quote on one line, about `max` characters at most. */
function short(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) {
    return flat;
  }
  const close = /[»”"]$/.test(flat) ? ` ${flat.at(-1)}` : '';
  let head = flat.slice(0, max - 4);
  const space = head.lastIndexOf(' ');
  if (space > head.length / 2) {
    head = head.slice(0, space);
  }
  return `${head.trimEnd()}…${close}`;
}

/** The name of an article. */
function article(uri: string): string {
  return path.basename(vscode.Uri.parse(uri).fsPath);
}

/** Quotes grouped by speaker: the named ones by entity, the most quoted first; then
 * unnamed sources by description; then quotes without a speaker. */
function group(items: QuoteItem[]): Speaker[] {
  const groups = new Map<string, Speaker>();
  for (const q of items) {
    const kind = q.anonymous ? 'anonymous' : q.speaker ? 'named' : 'none';
    const key = kind === 'named' ? `e:${q.speakerEntity ?? q.speaker}` : kind === 'anonymous' ? `a:${q.speaker ?? ''}` : 'none';
    const name = kind === 'none' ? 'No speaker found' : q.speaker ?? 'an unnamed source';
    let g = groups.get(key);
    if (!g) {
      g = new Speaker(key, name, [], kind);
      groups.set(key, g);
    }
    g.quotes.push(q);
  }
  const rank = { named: 0, anonymous: 1, none: 2 };
  return [...groups.values()].sort(
    (a, b) => rank[a.kind] - rank[b.kind] || b.quotes.length - a.quotes.length || a.name.localeCompare(b.name),
  );
}

export class QuotesView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: vscode.TreeView<Node> | undefined;
  private scope: Scope = { params: {} };
  private speakers: Speaker[] = [];
  private readonly data = new LoadOnce(() => this.load(), 'quotes');

  constructor(private readonly client: () => LanguageClient | undefined) {}

  attach(view: vscode.TreeView<Node>): void {
    this.view = view;
  }

  /** Asks the server again and redraws the view. */
  refresh(): void {
    this.data.reset();
    this.changed.fire(undefined);
  }

  /** Shows every quote of the corpus. */
  showAll(): void {
    this.scope = { params: {} };
    void vscode.commands.executeCommand('setContext', 'glose.quotesScoped', false);
    this.refresh();
  }

  private async load(): Promise<void> {
    const client = this.client();
    if (!client || !client.isRunning()) {
      this.speakers = [];
      return;
    }
    const items = (await client.sendRequest<QuoteItem[] | null>('glose/quotes', this.scope.params)) ?? [];
    this.speakers = group(items);
    if (this.view) {
      const articles = new Set(items.map((q) => q.uri)).size;
      const what = `${plural(items.length, 'quote')} · ${plural(articles, 'article')}`;
      this.view.description = this.scope.title ? `${this.scope.title} · ${what}` : what;
      // The empty corpus has the view's welcome text.
      this.view.message = items.length === 0 && this.scope.title ? `No quotes: ${this.scope.title}.` : undefined;
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      return (await this.data.ready()) ? this.speakers : [];
    }
    if (node instanceof Speaker) {
      return node.quotes.map((q) => new Quote(q));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node instanceof Speaker) {
      // A view narrowed to a speaker or an article opens its groups.
      const open = this.scope.title !== undefined || this.speakers.length === 1;
      const item = new vscode.TreeItem(
        node.name,
        open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
      );
      item.id = `speaker:${node.key}:${open ? 'open' : 'closed'}`;
      item.description = String(node.quotes.length);
      const articles = new Set(node.quotes.map((q) => q.uri)).size;
      const who = node.kind === 'anonymous' ? ' (unnamed source)' : '';
      item.tooltip = `${node.name}${who}: ${plural(node.quotes.length, 'quote')} in ${plural(articles, 'article')}`;
      item.iconPath = new vscode.ThemeIcon(node.kind === 'named' ? 'person' : node.kind === 'anonymous' ? 'eye-closed' : 'question');
      item.contextValue = node.kind === 'named' ? 'glose.speaker' : 'glose.source';
      return item;
    }
    const q = node.item;
    const uri = vscode.Uri.parse(q.uri);
    const range = toRange(q.range);
    const item = new vscode.TreeItem(short(q.text));
    item.description = `${article(q.uri)}:${range.start.line + 1}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(q.text);
    const said = [q.speaker, q.verb].filter((x) => x).join(', ');
    tooltip.appendMarkdown(`\n\n— ${escape(said || 'no speaker found')}${q.anonymous ? ' *(unnamed source)*' : ''}`);
    tooltip.appendMarkdown(`\n\n${escape(vscode.workspace.asRelativePath(uri))}:${range.start.line + 1}`);
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon('quote');
    item.command = {
      title: 'Go to the quote',
      command: 'vscode.open',
      arguments: [uri, { selection: range }],
    };
    return item;
  }

  /** Narrows the view to the speaker named under the cursor, else to the article of the
   * active editor (or to the entity of an Entities view node), and shows it. */
  async showFor(entity?: { id: string; name: string }): Promise<void> {
    const client = this.client();
    if (!client || !client.isRunning()) {
      return;
    }
    if (entity) {
      this.scope = { params: { entity: entity.id }, title: entity.name };
    } else {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('glose: open an article and put the cursor on a name first.');
        return;
      }
      const uri = editor.document.uri.toString();
      const position = client.code2ProtocolConverter.asPosition(editor.selection.active);
      const spoken = (await client.sendRequest<QuoteItem[] | null>('glose/quotes', { uri, position })) ?? [];
      const id = spoken.find((q) => q.speakerEntity)?.speakerEntity;
      if (id) {
        // The person or organisation under the cursor: their quotes, by their id.
        this.scope = { params: { entity: id }, title: spoken[0].speaker ?? id };
      } else {
        this.scope = { params: { uri }, title: path.basename(editor.document.uri.fsPath) };
      }
    }
    await vscode.commands.executeCommand('setContext', 'glose.quotesScoped', true);
    this.refresh();
    await vscode.commands.executeCommand('glose.quotes.focus');
  }
}

function toRange(r: LspRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
