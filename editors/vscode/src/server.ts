// Where the `glose` executable is: the setting `glose.server.path`, else `PATH`.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

/** The README's section on installing the `glose` command. */
export const INSTALL_URL = 'https://github.com/glose-nlp/glose#quickstart';

export type Found = { path: string } | { problem: string };

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== 'win32') {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** The first `name` on `PATH` that can be run. */
function onPath(name: string): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const names = process.platform === 'win32'
    ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((ext) => name + ext.toLowerCase()).concat(name)
    : [name];
  for (const dir of dirs) {
    for (const n of names) {
      const candidate = path.join(dir, n);
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** The setting's value with `~` and `${workspaceFolder}` expanded, relative paths taken
 * from the first workspace folder. */
function expand(setting: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let p = setting.trim();
  if (p === '~' || p.startsWith('~/')) {
    p = path.join(os.homedir(), p.slice(1));
  }
  if (folder) {
    p = p.replace(/\$\{workspaceFolder\}/g, folder);
    if (!path.isAbsolute(p) && p.includes(path.sep)) {
      p = path.join(folder, p);
    }
  }
  return p;
}

export function findServer(): Found {
  const setting = vscode.workspace.getConfiguration('glose').get<string>('server.path', '').trim();
  if (setting) {
    const p = expand(setting);
    if (isExecutable(p)) {
      return { path: p };
    }
    // A bare name is looked up on PATH.
    if (!p.includes('/') && !p.includes('\\')) {
      const found = onPath(p);
      if (found) {
        return { path: found };
      }
    }
    return { problem: `the setting glose.server.path is "${setting}", which is not an executable file` };
  }
  const found = onPath('glose');
  return found ? { path: found } : { problem: 'the `glose` command is not on PATH and the setting glose.server.path is empty' };
}

/** Tells that the server cannot start, with a way to install it or to set its path. */
export async function reportMissing(problem: string): Promise<void> {
  const install = 'Install instructions';
  const settings = 'Set glose.server.path';
  const choice = await vscode.window.showErrorMessage(
    `glose: cannot start the language server: ${problem}. Install glose (\`cargo install --path crates/glose-cli\` in its repository) or set glose.server.path to the \`glose\` executable.`,
    install,
    settings,
  );
  if (choice === install) {
    await vscode.env.openExternal(vscode.Uri.parse(INSTALL_URL));
  } else if (choice === settings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'glose.server.path');
  }
}
