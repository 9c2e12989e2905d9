// The Entities view: the corpus's entities from `glose/entities`, grouped by type, each
// with its mentions from `glose/mentions`.
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient, Location as LspLocation } from 'vscode-languageclient/node';
import { LoadOnce } from './once';

/** An item of `glose/entities` (docs/editors.md). */
export interface EntityItem {
  id: string;
  label: string;
  name: string;
  mentions: number;
  documents: number;
  first?: string | null;
  last?: string | null;
  inKb: boolean;
  location?: LspLocation | null;
}

/** How many entities the view asks for. */
const LIMIT = 5000;

const GROUPS: Record<string, { title: string; icon: string }> = {
  PER: { title: 'People', icon: 'person' },
  ORG: { title: 'Organisations', icon: 'organization' },
  LOC: { title: 'Places', icon: 'location' },
};

class Group {
  constructor(readonly label: string, readonly entities: EntityItem[]) {}
}

class Entity {
  constructor(readonly item: EntityItem) {}
}

class Mention {
  constructor(readonly location: vscode.Location, readonly text: string, readonly isKb: boolean) {}
}

type Node = Group | Entity | Mention;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export class EntitiesView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: Group[] = [];
  private truncated = false;
  private readonly data = new LoadOnce(() => this.load(), 'entities');

  constructor(private readonly client: () => LanguageClient | undefined) {}

  /** Asks the server again and redraws the view. */
  refresh(): void {
    this.data.reset();
    this.changed.fire(undefined);
  }

  private async load(): Promise<void> {
    const client = this.client();
    if (!client || !client.isRunning()) {
      this.groups = [];
      return;
    }
    const items = await client.sendRequest<EntityItem[]>('glose/entities', { limit: LIMIT });
    const byLabel = new Map<string, EntityItem[]>();
    for (const item of items ?? []) {
      const list = byLabel.get(item.label) ?? [];
      list.push(item);
      byLabel.set(item.label, list);
    }
    const order = (l: string) => (l in GROUPS ? Object.keys(GROUPS).indexOf(l) : 99);
    this.groups = [...byLabel.entries()]
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([label, list]) => new Group(label, list));
    this.truncated = (items?.length ?? 0) >= LIMIT;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      return (await this.data.ready()) ? this.groups : [];
    }
    if (node instanceof Group) {
      return node.entities.map((e) => new Entity(e));
    }
    if (node instanceof Entity) {
      return this.mentions(node.item);
    }
    return [];
  }

  /** The mentions of an entity, with the text of their line. */
  private async mentions(item: EntityItem): Promise<Mention[]> {
    const locations = await entityLocations(this.client(), item.id);
    const kbUri = item.inKb && item.location ? item.location.uri : undefined;
    const kbLine = item.location?.range.start.line;
    const lines = new Map<string, string[]>();
    const out: Mention[] = [];
    for (const loc of locations) {
      const key = loc.uri.toString();
      if (!lines.has(key)) {
        try {
          const bytes = await vscode.workspace.fs.readFile(loc.uri);
          lines.set(key, new TextDecoder('utf-8').decode(bytes).split(/\r\n|\r|\n/));
        } catch {
          lines.set(key, []);
        }
      }
      const text = lines.get(key)?.[loc.range.start.line] ?? '';
      const isKb = key === kbUri && loc.range.start.line === kbLine;
      out.push(new Mention(loc, snippet(text, loc.range), isKb));
    }
    return out;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node instanceof Group) {
      const g = GROUPS[node.label];
      const count = `${node.entities.length}${this.truncated ? '+' : ''}`;
      const item = new vscode.TreeItem(g?.title ?? node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = count;
      item.tooltip = `${count} ${g?.title.toLowerCase() ?? node.label} mentioned in the corpus`;
      item.iconPath = new vscode.ThemeIcon(g?.icon ?? 'symbol-misc');
      item.id = `group:${node.label}`;
      return item;
    }
    if (node instanceof Entity) {
      const e = node.item;
      const item = new vscode.TreeItem(e.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `entity:${e.id}`;
      item.description = `${plural(e.mentions, 'mention')} · ${plural(e.documents, 'article')}`;
      const dates = e.first ? (e.last && e.last !== e.first ? `${e.first} – ${e.last}` : e.first) : undefined;
      const tooltip = new vscode.MarkdownString();
      tooltip.appendMarkdown(`**${escape(e.name)}** (${e.label})\n\n`);
      tooltip.appendMarkdown(`${plural(e.mentions, 'mention')} in ${plural(e.documents, 'article')}`);
      if (dates) {
        tooltip.appendMarkdown(`, ${dates}`);
      }
      tooltip.appendMarkdown(`\n\n${e.inKb ? `knowledge base: \`${e.id}\`` : 'not in the knowledge base'}`);
      item.tooltip = tooltip;
      item.iconPath = new vscode.ThemeIcon(
        GROUPS[e.label]?.icon ?? 'symbol-misc',
        e.inKb ? undefined : new vscode.ThemeColor('disabledForeground'),
      );
      item.contextValue = 'glose.entity';
      if (e.location) {
        item.command = {
          title: e.inKb ? 'Open the knowledge base entry' : 'Open the first mention',
          command: 'vscode.open',
          arguments: [vscode.Uri.parse(e.location.uri), { selection: toRange(e.location.range), preserveFocus: true }],
        };
      }
      return item;
    }
    const m = node;
    const file = path.basename(m.location.uri.fsPath);
    const item = new vscode.TreeItem(m.isKb ? 'knowledge base entry' : m.text || `${file}:${m.location.range.start.line + 1}`);
    item.description = `${file}:${m.location.range.start.line + 1}`;
    item.tooltip = `${vscode.workspace.asRelativePath(m.location.uri)}:${m.location.range.start.line + 1}:${m.location.range.start.character + 1}`;
    item.iconPath = new vscode.ThemeIcon(m.isKb ? 'book' : 'quote');
    item.command = {
      title: 'Go to the mention',
      command: 'vscode.open',
      arguments: [m.location.uri, { selection: m.location.range }],
    };
    return item;
  }

  /** Opens the references view on every mention of the entity of a node. */
  async showMentions(node: Node | undefined): Promise<void> {
    if (!(node instanceof Entity)) {
      return;
    }
    const locations = await entityLocations(this.client(), node.item.id);
    const first = node.item.location ? vscode.Uri.parse(node.item.location.uri) : locations[0]?.uri;
    if (!first) {
      return;
    }
    const at = node.item.location ? toRange(node.item.location.range).start : locations[0].range.start;
    await vscode.commands.executeCommand('editor.action.showReferences', first, at, locations);
  }
}

/** The entity of a node of the view, if it is one. */
export function entityOf(node: unknown): { id: string; name: string } | undefined {
  return node instanceof Entity ? { id: node.item.id, name: node.item.name } : undefined;
}

/** `glose/mentions`: every mention of the entity `id`, and its KB entry. */
export async function entityLocations(client: LanguageClient | undefined, id: string): Promise<vscode.Location[]> {
  if (!client || !client.isRunning()) {
    return [];
  }
  const result = await client.sendRequest<LspLocation[] | null>('glose/mentions', { id });
  return (result ?? []).map((l) => client.protocol2CodeConverter.asLocation(l));
}

function toRange(r: LspLocation['range']): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** The line around a mention, shortened to about 80 characters. */
function snippet(line: string, range: vscode.Range): string {
  const start = range.start.character;
  const from = Math.max(0, start - 30);
  const to = Math.min(line.length, start + 50);
  return `${from > 0 ? '…' : ''}${line.slice(from, to).trim()}${to < line.length ? '…' : ''}`;
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
