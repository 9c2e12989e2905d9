// End-to-end check of the glose extension in VS Code: code-server serves VS Code, the
// packaged .vsix is installed into it, and headless Chromium, driven by playwright-core,
// opens a corpus and an article and checks what a reader would see. Every check is
// written, by name and in order, to a JSON file; the first that fails ends the run.
//
// Settings (environment variables):
//   GLOSE_CODE_SERVER     code-server's out/node/entry.js (run with this node)
//   GLOSE_CHROMIUM        the Chromium executable
//   GLOSE_VSIX            the extension package
//   GLOSE_PLAYWRIGHT      a node_modules folder holding playwright-core
//   GLOSE_SERVER          the `glose` executable (becomes the setting glose.server.path)
//   GLOSE_WORKSPACE       the corpus folder to open
//   GLOSE_ARTICLE         the article to open, relative to the workspace
//   GLOSE_HOVER_WORD      a person's name in the article, whose hover card is checked
//   GLOSE_PLACE_WORD      a place's name in the article
//   GLOSE_HOVER_EXPECT    texts the card must contain, separated by "|"
//   GLOSE_DEF_WORD        a name of the article whose definition is in the KB
//   GLOSE_DEF_FILE        that KB file, relative to the workspace
//   GLOSE_DEF_ID          the id of its entry in that file
//   GLOSE_DIAG_ARTICLE    the article where a sentence is typed, relative to the workspace
//   GLOSE_DIAG_TYPED      the sentence typed at its end, with a variant spelling
//   GLOSE_DIAG_EXPECT     the diagnostic's message
//   GLOSE_DIAG_CODE       the diagnostic's code
//   GLOSE_QUOTE_SPEAKER   a speaker quoted in the article, named as the quote tagger
//                         names them
//   GLOSE_QUOTE_EXPECT    the beginning of one of their quotes in the article
//   GLOSE_NO_NAME_WORD    a word of the article that is no name
//   GLOSE_REJECT_WORD     a person's name in the article, rejected by a correction
//   GLOSE_TAG_WORDS       words of the article no tagger tags, tagged LOC by a correction
//   GLOSE_OUT             where the JSON result goes
//   GLOSE_SCREENSHOTS     folder of the screenshots
//   GLOSE_THEME           the colour theme (default "Default Dark Modern")
//   GLOSE_STEP_TIMEOUT_MS how long each check may wait (default 60000)
//   GLOSE_TOTAL_TIMEOUT_MS the whole run, after which everything is stopped (default 240000)
// Exit status: 0 all checks passed, 1 a check failed, 2 the run could not be set up.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const started = Date.now();
const elapsed = () => Date.now() - started;
const log = (m) => console.log(`[${(elapsed() / 1000).toFixed(1)}s] ${m}`);

function setting(name, fallback) {
  const v = process.env[name];
  if (v) {
    return v;
  }
  if (fallback !== undefined) {
    return fallback;
  }
  console.error(`e2e: ${name} is not set`);
  process.exit(2);
}

const codeServer = setting('GLOSE_CODE_SERVER');
const chromiumPath = setting('GLOSE_CHROMIUM');
const vsix = setting('GLOSE_VSIX');
const playwrightDir = setting('GLOSE_PLAYWRIGHT');
const server = setting('GLOSE_SERVER');
const workspace = setting('GLOSE_WORKSPACE');
const article = setting('GLOSE_ARTICLE');
const hoverWord = setting('GLOSE_HOVER_WORD');
const placeWord = setting('GLOSE_PLACE_WORD');
const hoverExpect = setting('GLOSE_HOVER_EXPECT').split('|');
const defWord = setting('GLOSE_DEF_WORD');
const defFile = setting('GLOSE_DEF_FILE');
const defId = setting('GLOSE_DEF_ID');
const diagArticle = setting('GLOSE_DIAG_ARTICLE');
const diagTyped = setting('GLOSE_DIAG_TYPED');
const diagExpect = setting('GLOSE_DIAG_EXPECT');
const diagCode = setting('GLOSE_DIAG_CODE');
const quoteSpeaker = setting('GLOSE_QUOTE_SPEAKER');
const quoteExpect = setting('GLOSE_QUOTE_EXPECT');
const noNameWord = setting('GLOSE_NO_NAME_WORD');
const rejectWord = setting('GLOSE_REJECT_WORD');
const tagWords = setting('GLOSE_TAG_WORDS');
const outFile = setting('GLOSE_OUT');
const shots = setting('GLOSE_SCREENSHOTS');
const T = Number(setting('GLOSE_STEP_TIMEOUT_MS', '60000'));
const TOTAL = Number(setting('GLOSE_TOTAL_TIMEOUT_MS', '240000'));

const { chromium } = require(path.join(playwrightDir, 'playwright-core'));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'glose-vscode-'));
const result = { checks: [], screenshots: [], code_server_log: path.join(tmp, 'code-server.log') };
let codeServerProcess;
let browser;

function writeResult() {
  result.elapsed_ms = elapsed();
  fs.writeFileSync(outFile, JSON.stringify(result, null, 2));
}

/** Stops code-server and everything it started (its process group). */
function stopCodeServer() {
  if (codeServerProcess && codeServerProcess.exitCode === null) {
    try {
      process.kill(-codeServerProcess.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

function killEverything() {
  if (codeServerProcess) {
    try {
      process.kill(-codeServerProcess.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

// The hard limit: whatever hangs, the run ends.
const deadline = setTimeout(() => {
  log(`FAILED: the run took more than ${TOTAL} ms`);
  result.checks.push({ name: 'time_limit', ok: false, error: `more than ${TOTAL} ms` });
  writeResult();
  killEverything();
  process.exit(1);
}, TOTAL);
deadline.unref();

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

async function check(name, fn) {
  const t = elapsed();
  try {
    const detail = await fn();
    result.checks.push({ name, ok: true, at_ms: elapsed(), ms: elapsed() - t, detail: detail ?? null });
    log(`${name}: ok${detail ? ` (${String(detail).replace(/\s+/g, ' ').slice(0, 160)})` : ''}`);
  } catch (e) {
    const error = String(e && e.message ? e.message : e).split('\n')[0];
    result.checks.push({ name, ok: false, at_ms: elapsed(), error });
    log(`${name}: FAILED: ${error}`);
    throw e;
  }
}

async function screenshot(page, name, clip) {
  const file = path.join(shots, `${name}.png`);
  await page.screenshot({ path: file, clip });
  result.screenshots.push(file);
}

/** Calls `fn` every 100 ms until it gives a value, which is returned; after the step's
 * time, fails naming what was awaited and what `last` says of the state then. */
async function poll(what, fn, last) {
  const until = Date.now() + T;
  for (;;) {
    const value = await fn();
    if (value !== undefined && value !== null && value !== false) {
      return value;
    }
    if (Date.now() > until) {
      throw new Error(`waited ${T} ms for ${what}${last ? `; last seen: ${JSON.stringify(await last())}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens a file of the workspace with Quick Open. */
async function quickOpen(page, file) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: T });
  await input.fill(path.basename(file));
  // The row Enter opens: the list is filtered once the file is the focused row (a file
  // opened before is listed, below others, before the filter applies).
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: path.basename(file) }).first().waitFor({ timeout: T });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: path.basename(file) }).waitFor({ timeout: T });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: T });
}

/** The span of the editor that shows `word` as one token (the editor writes spaces as
 * no-break spaces). */
function token(page, word) {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0]');
  return page.locator('.editor-group-container.active .view-line span span', { hasText: new RegExp(`^${escaped}$`) }).first();
}

/** Runs a command by its title from the command palette. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: T });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: T });
  await page.keyboard.press('Enter');
}

/** Line and column (1-based, UTF-16 like the editor) inside the first `word` of `file`. */
function positionOf(file, word) {
  const lines = fs.readFileSync(path.join(workspace, file), 'utf8').split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i].indexOf(word);
    if (at >= 0) {
      return { line: i + 1, column: at + 2 };
    }
  }
  throw new Error(`"${word}" is not in ${file}`);
}

/** Moves the cursor with Go to Line (Ctrl+G "line:column"). */
async function goTo(page, { line, column }) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: T });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: T });
}

/** The cursor's line in the status bar. */
async function cursorLine(page) {
  const text = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText();
  return Number(/Ln (\d+)/.exec(text)[1]);
}

/** The quotes of the corpus as the command line finds them (`glose annotate`, the same
 * taggers as the server): { file, text, speaker } in the order of the files. */
function cliQuotes() {
  const r = spawnSync(server, ['annotate', '--format', 'jsonl', '.'], {
    cwd: workspace,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: T,
  });
  if (r.status !== 0) {
    throw new Error(`glose annotate exited with ${r.status ?? r.signal}: ${r.stderr}`);
  }
  const out = [];
  for (const line of r.stdout.split('\n').filter((l) => l.trim())) {
    const doc = JSON.parse(line);
    for (const a of doc.annotations) {
      if (a.label === 'QUOTE') {
        out.push({ file: path.basename(doc.path), text: a.text, speaker: a.attrs?.speaker ?? null });
      }
    }
  }
  return out;
}

function findFiles(dir, pattern) {
  let out = [];
  for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
    const p = path.join(dir, e.name);
    out = out.concat(e.isDirectory() ? findFiles(p, pattern) : pattern.test(e.name) ? [p] : []);
  }
  return out;
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  const port = await freePort();
  const data = path.join(tmp, 'data');
  const extensions = path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(data, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(data, 'User', 'settings.json'),
    JSON.stringify(
      {
        'glose.server.path': server,
        'workbench.colorTheme': setting('GLOSE_THEME', 'Default Dark Modern'),
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'editor.minimap.enabled': false,
        'editor.wordWrap': 'on',
        'editor.hover.delay': 200,
        'chat.commandCenter.enabled': false,
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(tmp, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_DATA_HOME: path.join(tmp, 'share') };
  const common = ['--config', path.join(tmp, 'config.yaml'), '--user-data-dir', data, '--extensions-dir', extensions];

  await check('install_extension', async () => {
    const r = spawnSync(process.execPath, [codeServer, ...common, '--install-extension', vsix], {
      env,
      encoding: 'utf8',
      timeout: T,
    });
    if (r.status !== 0) {
      throw new Error(`code-server --install-extension exited with ${r.status ?? r.signal}: ${r.stderr || r.stdout}`);
    }
    return r.stdout.trim().split('\n').pop();
  });

  await check('code_server', async () => {
    const logFd = fs.openSync(result.code_server_log, 'w');
    codeServerProcess = spawn(
      process.execPath,
      [codeServer, ...common, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', workspace],
      { env, detached: true, stdio: ['ignore', logFd, logFd] },
    );
    fs.closeSync(logFd);
    const until = Date.now() + T;
    while (Date.now() < until) {
      if (codeServerProcess.exitCode !== null) {
        throw new Error(`code-server exited with ${codeServerProcess.exitCode}`);
      }
      if (await healthy(port)) {
        return `http://127.0.0.1:${port}/`;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('code-server did not answer');
  });

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: T,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
  page.setDefaultTimeout(T);
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  try {
    await check('workbench', async () => {
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
      await page.locator('.monaco-workbench').waitFor();
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
      return await page.title();
    });

    await check('open_article', async () => {
      await page.locator('.monaco-workbench .part.editor').click({ position: { x: 400, y: 300 }, timeout: 5000 }).catch(() => {});
      await quickOpen(page, article);
    });

    let corpusEntities;
    await check('status_bar', async () => {
      // The extension started the server, which indexed the corpus: as many articles as
      // the folder has .txt files.
      // While the corpus is indexed, the item counts what is done so far.
      const item = page.locator('.statusbar-item', { hasText: /glose: \d+ articles · \d+ entities/ }).first();
      await item.waitFor();
      const files = findFiles(workspace, /\.txt$/).length;
      const text = await poll(`the status bar to count ${files} articles`, async () => {
        const t = await item.innerText();
        const [, a] = /glose: (\d+) articles/.exec(t) ?? [];
        return Number(a) === files ? t : undefined;
      }, () => item.innerText());
      const entities = Number(/(\d+) entities/.exec(text)[1]);
      if (entities === 0) {
        throw new Error(`the status bar says "${text}"`);
      }
      corpusEntities = entities;
      return text;
    });

    const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /Entities/i }) });
    await check('entities_view', async () => {
      // The view lists the types with their counts, which add up to the entities of the
      // status bar (glose/entities and glose/status agree).
      await page.locator('.activitybar .action-item [aria-label^="glose"]').first().click();
      const groups = view.locator('.monaco-list-row[aria-level="1"]');
      await groups.filter({ hasText: 'People' }).first().waitFor();
      const counts = await groups.evaluateAll((rows) =>
        rows.map((r) => ({
          name: r.querySelector('.label-name')?.textContent ?? '',
          count: r.querySelector('.label-description')?.textContent ?? '',
        })),
      );
      for (const name of ['People', 'Organisations', 'Places']) {
        const group = counts.find((g) => g.name === name);
        if (!group || !/^[1-9]\d*$/.test(group.count)) {
          throw new Error(`no group ${name} with a count: ${JSON.stringify(counts)}`);
        }
      }
      const total = counts.reduce((n, g) => n + Number(g.count), 0);
      if (total !== corpusEntities) {
        throw new Error(`the groups add up to ${total}, the status bar says ${corpusEntities}: ${JSON.stringify(counts)}`);
      }
      // A person of the article, under People.
      await groups.filter({ hasText: 'People' }).first().click();
      const entity = view.locator('.monaco-list-row[aria-level="2"]', { hasText: defWord }).first();
      await entity.waitFor();
      return `${counts.map((g) => `${g.name} ${g.count}`).join(', ')}; ${(await entity.innerText()).replace(/\s+/g, ' ')}`;
    });

    await check('entity_mentions', async () => {
      // Expanding an entity lists its mentions (glose/mentions), each with its place.
      const entity = view.locator('.monaco-list-row[aria-level="2"]', { hasText: defWord }).first();
      await entity.locator('.monaco-tl-twistie').click();
      const { line } = positionOf(article, defWord);
      const mention = view.locator('.monaco-list-row', { hasText: `${path.basename(article)}:${line}` });
      await mention.first().waitFor();
      return (await mention.first().innerText()).replace(/\s+/g, ' ');
    });
    await screenshot(page, 'entities');

    await check('semantic_colours', async () => {
      // A person and a place are tokens of their own, coloured unlike the plain text
      // (the editor's default colour, class mtk1) and unlike each other.
      const colour = async (word) => {
        const span = token(page, word);
        await span.waitFor();
        return span.evaluate((el) => {
          const plain = el.closest('.view-lines').querySelector('.view-line span span.mtk1');
          return { token: getComputedStyle(el).color, plain: plain ? getComputedStyle(plain).color : null };
        });
      };
      const person = await colour(hoverWord);
      const place = await colour(placeWord);
      if (!person.plain) {
        throw new Error('no plain text in the editor to compare colours with');
      }
      if (person.token === person.plain || place.token === person.plain || person.token === place.token) {
        throw new Error(`"${hoverWord}" is ${person.token}, "${placeWord}" ${place.token}, plain text ${person.plain}`);
      }
      return `${hoverWord} ${person.token}, ${placeWord} ${place.token}, text ${person.plain}`;
    });

    await check('hover', async () => {
      await token(page, hoverWord).hover();
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: hoverExpect[0] });
      await hover.first().waitFor({ state: 'visible' });
      await page.waitForTimeout(400); // the fade-in, before the screenshot
      const text = await hover.first().innerText();
      // French text has no-break spaces inside « »: any space matches any space.
      const flat = (t) => t.replace(/\s+/g, ' ');
      const missing = hoverExpect.filter((e) => !flat(text).includes(flat(e)));
      if (missing.length) {
        throw new Error(`the card lacks ${JSON.stringify(missing)}: ${text}`);
      }
      return flat(text);
    });
    await screenshot(page, 'hover');
    await page.mouse.move(5, 700);
    await page.keyboard.press('Escape');

    await check('show_mentions', async () => {
      // glose.showMentions on the entity under the cursor: the references peek view.
      await runCommand(page, 'View: Focus Active Editor Group');
      await goTo(page, positionOf(article, defWord));
      await runCommand(page, 'glose: Show Mentions of the Entity Under the Cursor');
      const title = page.locator('.peekview-widget .peekview-title');
      await title.first().waitFor({ state: 'visible' });
      await page.locator('.peekview-widget .monaco-list-row').first().waitFor();
      const rows = await page.locator('.peekview-widget .ref-tree .monaco-list-row').allInnerTexts();
      if (!rows.some((r) => r.includes(path.basename(defFile)))) {
        throw new Error(`the references do not include ${defFile}: ${rows.join(' | ')}`);
      }
      return `${(await title.first().innerText()).replace(/\s+/g, ' ')}: ${rows.join(' | ').replace(/\s+/g, ' ')}`;
    });
    await screenshot(page, 'mentions');
    await page.keyboard.press('Escape');

    // The Quotes view (glose/quotes), below the Entities view: its header, and its rows
    // (level 1 the speakers, level 2 their quotes).
    const quotesPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Quotes' }) });
    const quotesHeader = quotesPane.locator('.pane-header').first();
    const quotesState = async () => ({
      // The view's title and description (as written: the title is shown in capitals).
      header: await quotesHeader.evaluate((h) =>
        ['.title', '.description'].map((c) => h.querySelector(c)?.textContent?.trim() ?? '').join(' ').replace(/\s+/g, ' '),
      ),
      rows: await quotesPane.locator('.monaco-list-row').evaluateAll((rows) =>
        rows.map((r) => ({
          level: Number(r.getAttribute('aria-level')),
          label: r.querySelector('.label-name')?.textContent ?? '',
          description: r.querySelector('.label-description')?.textContent ?? '',
        })),
      ),
    });
    const corpusQuotes = cliQuotes();
    const begins = (text) => text.replace(/\s+/g, ' ').slice(0, 30);

    await check('quotes_view', async () => {
      // Every quote of the corpus, as many as the command line finds. The Entities view
      // is folded to make room (the tree draws only the rows it has room for).
      if ((await quotesHeader.getAttribute('aria-expanded')) !== 'true') {
        await quotesHeader.click();
      }
      const entitiesHeader = view.locator('.pane-header').first();
      if ((await entitiesHeader.getAttribute('aria-expanded')) === 'true') {
        await entitiesHeader.click();
      }
      const state = await poll(`the Quotes view to count ${corpusQuotes.length} quotes`, async () => {
        const now = await quotesState();
        const m = /(\d+) quotes? · (\d+) articles?/.exec(now.header);
        const speakers = now.rows.filter((r) => r.level === 1);
        return m && Number(m[1]) === corpusQuotes.length && speakers.length > 0 && speakers.every((r) => /^[1-9]\d*$/.test(r.description)) ? now : undefined;
      }, quotesState);
      return `${state.header}; ${state.rows.slice(0, 4).map((r) => `${r.label} (${r.description})`).join(', ')}`;
    });

    await check('show_quotes_entity', async () => {
      // The command on a speaker's name: the view narrowed to their quotes.
      const theirs = corpusQuotes.filter((q) => q.speaker === quoteSpeaker);
      const quote = theirs.find((q) => begins(q.text).startsWith(begins(quoteExpect)));
      if (!quote) {
        throw new Error(`the command line gives ${quoteSpeaker} no quote beginning "${quoteExpect}": ${JSON.stringify(theirs)}`);
      }
      await runCommand(page, 'View: Focus Active Editor Group');
      await goTo(page, positionOf(article, quoteSpeaker));
      await runCommand(page, 'glose: Show Quotes of This Entity or Article');
      const state = await poll(`the Quotes view to show the ${theirs.length} quote(s) of ${quoteSpeaker}`, async () => {
        const now = await quotesState();
        const speakers = now.rows.filter((r) => r.level === 1);
        const quotes = now.rows.filter((r) => r.level === 2);
        return now.header.startsWith(`Quotes ${quoteSpeaker} · ${theirs.length} quote`) &&
          speakers.length === 1 && speakers[0].label === quoteSpeaker &&
          quotes.length === theirs.length && theirs.every((q) => quotes.some((r) => r.label.startsWith(begins(q.text)))) &&
          quotes.every((r) => /\.txt:\d+$/.test(r.description))
          ? now
          : undefined;
      }, quotesState);
      // A quote opens its place: the editor selects it.
      await goTo(page, { line: 1, column: 1 });
      const { line } = positionOf(article, quote.text);
      await quotesPane.locator('.monaco-list-row[aria-level="2"]', { hasText: quoteExpect }).first().click();
      const cursor = page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
      const at = await poll(`line ${line} of ${article} with the quote selected`, async () => {
        const t = await cursor.innerText();
        return t.includes(`Ln ${line},`) && t.includes(`(${quote.text.length} selected)`) ? t : undefined;
      }, () => cursor.innerText());
      return `${state.header}: ${state.rows.map((r) => `${r.label} ${r.description}`).join(' | ')}; opened at ${at}`;
    });

    await check('show_quotes_article', async () => {
      // The command on a word that is no name: the quotes of the article.
      const here = corpusQuotes.filter((q) => q.file === path.basename(article));
      await runCommand(page, 'View: Focus Active Editor Group');
      await goTo(page, positionOf(article, noNameWord));
      await runCommand(page, 'glose: Show Quotes of This Entity or Article');
      const state = await poll(`the Quotes view to show the ${here.length} quotes of ${article}`, async () => {
        const now = await quotesState();
        const quotes = now.rows.filter((r) => r.level === 2);
        return now.header.startsWith(`Quotes ${path.basename(article)} · ${here.length} quote`) &&
          quotes.length === here.length && here.every((q) => quotes.some((r) => r.label.startsWith(begins(q.text)))) &&
          quotes.every((r) => r.description.startsWith(`${path.basename(article)}:`))
          ? now
          : undefined;
      }, quotesState);
      return `${state.header}: ${state.rows.map((r) => `${r.label} ${r.description}`).join(' | ')}`;
    });
    await screenshot(page, 'quotes');

    await check('definition', async () => {
      await goTo(page, positionOf(article, defWord));
      await page.keyboard.press('F12');
      await page.locator('.tabs-container .tab.active', { hasText: path.basename(defFile) }).waitFor();
      // The cursor is now in the KB entry of the entity: between its [[entity]] header
      // and the next one.
      const lines = fs.readFileSync(path.join(workspace, defFile), 'utf8').split('\n');
      const idLine = lines.findIndex((l) => l.replace(/\s/g, '') === `id="${defId}"`);
      if (idLine < 0) {
        throw new Error(`no entry ${defId} in ${defFile}`);
      }
      let first = idLine;
      while (first > 0 && !lines[first].startsWith('[[entity]]')) first--;
      let last = idLine + 1;
      while (last < lines.length && !lines[last].startsWith('[[entity]]')) last++;
      const line = await poll(`the cursor in the entry ${defId} of ${defFile} (lines ${first + 1}–${last})`, async () => {
        const l = await cursorLine(page);
        return l >= first + 1 && l <= last ? l : undefined;
      }, () => cursorLine(page));
      return `${defFile} line ${line} (entry ${defId}: lines ${first + 1}–${last})`;
    });
    await screenshot(page, 'definition');

    await check('diagnostic', async () => {
      // A sentence typed at the end of an article: the server analyses the edit and
      // publishes its diagnostic, which the Problems panel lists with its code.
      await quickOpen(page, diagArticle);
      await runCommand(page, 'View: Focus Active Editor Group');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(diagTyped);
      const squiggle = page.locator('.editor-group-container.active .monaco-editor').locator('.squiggly-info, .squiggly-warning, .squiggly-error');
      await squiggle.first().waitFor();
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: diagExpect });
      await row.first().waitFor();
      const text = (await row.first().innerText()).replace(/\s+/g, ' ');
      if (!text.includes(diagCode)) {
        throw new Error(`the problem does not give its code ${diagCode}: ${text}`);
      }
      return text;
    });
    await screenshot(page, 'problems');

    await check('reindex', async () => {
      // The command sends glose/reindex: the server indexes the corpus again and says so
      // in the output channel, which VS Code keeps in a log file.
      const indexed = () => {
        const logs = findFiles(path.join(tmp, 'data', 'logs'), /-glose\.log$/);
        return logs.map((f) => fs.readFileSync(f, 'utf8')).join('').match(/indexed \d+ articles/g) ?? [];
      };
      const before = indexed().length;
      await runCommand(page, 'glose: Reindex the Corpus');
      const after = await poll('the corpus to be indexed again (the output channel)', () => {
        const now = indexed();
        return now.length > before ? now[now.length - 1] : undefined;
      }, () => indexed());
      return `${before} indexing(s) before, then "${after}"`;
    });

    // Corrections, through VS Code's code action menu: what the server wrote to the
    // corpus's .glose/corrections.jsonl, and the colours of the article afterwards.
    const correctionsFile = path.join(workspace, '.glose', 'corrections.jsonl');
    const saved = () =>
      (fs.existsSync(correctionsFile) ? fs.readFileSync(correctionsFile, 'utf8') : '')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l));
    const savedLine = (decision, text, label) =>
      saved().find((c) => c.file === path.basename(article) && c.decision === decision && c.text === text && (!label || c.label === label));
    // The colour of `word` when the editor shows it as a token of its own, unlike the
    // plain text; null otherwise.
    const colourOf = async (word) => {
      const span = token(page, word);
      if ((await span.count()) === 0) {
        return null;
      }
      // The editor may draw the line anew between the count and the look (the server
      // asks for the colours again after a correction): then the answer is "not yet".
      let c;
      try {
        c = await span.evaluate((el) => {
          const plain = el.closest('.view-lines').querySelector('.view-line span span.mtk1');
          return { token: getComputedStyle(el).color, plain: plain ? getComputedStyle(plain).color : null };
        }, undefined, { timeout: 2000 });
      } catch (e) {
        return undefined;
      }
      return c.plain && c.token !== c.plain ? c.token : null;
    };
    // How many tokens of the lines shown are coloured unlike the plain text.
    const coloured = () =>
      page.locator('.editor-group-container.active .view-lines').first().evaluate((lines) => {
        const plain = lines.querySelector('.view-line span span.mtk1');
        const colour = plain ? getComputedStyle(plain).color : null;
        return [...lines.querySelectorAll('.view-line span span')].filter((s) => getComputedStyle(s).color !== colour).length;
      });
    const menu = page.locator('.action-widget');
    const menuRows = menu.locator('.monaco-list-row.action');
    // Picks the action whose title starts with `title` in the open menu, with the
    // arrow keys and Enter; the titles it offered.
    const pick = async (title) => {
      await menuRows.filter({ hasText: title }).first().waitFor();
      const titles = (await menuRows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      if (!titles.some((t) => t.startsWith(title))) {
        throw new Error(`no action "${title}…" in the menu: ${titles.join(' | ')}`);
      }
      const focused = menu.locator('.monaco-list-row.action.focused');
      for (let i = 0; i <= titles.length; i++) {
        if ((await focused.innerText()).replace(/\s+/g, ' ').trim().startsWith(title)) {
          await page.keyboard.press('Enter');
          await menu.waitFor({ state: 'hidden' });
          return titles;
        }
        await page.keyboard.press('ArrowDown');
      }
      throw new Error(`the arrow keys never reach "${title}…" in the menu: ${titles.join(' | ')}`);
    };

    let rejectMenu;
    await check('correction_menu', async () => {
      // Ctrl+. on a person's name: the menu lists the server's corrections of it.
      await runCommand(page, 'View: Hide Panel');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      await quickOpen(page, article);
      await runCommand(page, 'View: Focus Active Editor Group');
      await goTo(page, positionOf(article, rejectWord));
      const colour = await poll(`"${rejectWord}" coloured`, () => colourOf(rejectWord));
      await page.keyboard.press('Control+.');
      await menuRows.filter({ hasText: `Not an entity: «${rejectWord}»` }).first().waitFor();
      rejectMenu = (await menuRows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      for (const wanted of [`Not an entity: «${rejectWord}»`, `Change «${rejectWord}» to ORG`, `Never tag «${rejectWord}» in this corpus`]) {
        if (!rejectMenu.some((t) => t.startsWith(wanted))) {
          throw new Error(`no action "${wanted}…" in the menu: ${rejectMenu.join(' | ')}`);
        }
      }
      await page.waitForTimeout(300); // the menu's fade-in, before the screenshot
      return `${rejectWord} ${colour}; ${rejectMenu.join(' | ')}`;
    });
    {
      // The menu and the lines around the name, for the documentation.
      const box = await menu.boundingBox();
      const editor = await page.locator('.part.editor').boundingBox();
      const x = Math.max(editor.x, Math.min(box.x - 420, editor.x + editor.width - 860));
      const y = Math.max(editor.y, box.y - 130);
      await screenshot(page, 'corrections', { x, y, width: 860, height: Math.min(box.height + 170, editor.y + editor.height - y) });
    }

    await check('correction_reject', async () => {
      // "Not an entity": a reject line, and the name is no longer coloured (other names
      // still are).
      await pick(`Not an entity: «${rejectWord}»`);
      const line = await poll(`a reject line for "${rejectWord}" in ${correctionsFile}`, () => savedLine('reject', rejectWord), saved);
      await poll(`"${rejectWord}" no longer coloured`, async () =>
        (await colourOf(rejectWord)) === null && (await coloured()) > 0, async () => ({
        [rejectWord]: await colourOf(rejectWord),
        coloured: await coloured(),
      }));
      return JSON.stringify(line);
    });

    await check('correction_tag', async () => {
      // Words selected, glose: Correct… (the menu with the corrections only), "Tag «…» as
      // LOC": a tag line, and the words coloured as the places are.
      const at = positionOf(article, tagWords);
      await goTo(page, { line: at.line, column: at.column - 1 });
      for (let i = 0; i < tagWords.length; i++) {
        await page.keyboard.press('Shift+ArrowRight');
      }
      await page.locator('.statusbar-item', { hasText: `(${tagWords.length} selected)` }).waitFor();
      await runCommand(page, 'glose: Correct the Annotation Under the Cursor or the Selection');
      const titles = await pick(`Tag «${tagWords}» as LOC`);
      const others = titles.filter((t) => !t.includes(`«${tagWords}»`));
      if (others.length) {
        throw new Error(`the menu has other actions than the corrections of the selection: ${others.join(' | ')}`);
      }
      const line = await poll(`a LOC tag line for "${tagWords}" in ${correctionsFile}`, () => savedLine('tag', tagWords, 'LOC'), saved);
      const place = await colourOf(placeWord);
      const colour = await poll(`"${tagWords}" coloured as "${placeWord}" (${place})`, async () => {
        const c = await colourOf(tagWords);
        return c && c === place ? c : undefined;
      }, () => colourOf(tagWords));
      return `${JSON.stringify(line)}; ${tagWords} ${colour}; menu: ${titles.join(' | ')}`;
    });
  } catch (e) {
    await screenshot(page, 'failure').catch(() => {});
    throw e;
  }
}

main()
  .then(() => 0, (e) => {
    if (!result.checks.some((c) => !c.ok)) {
      result.checks.push({ name: 'setup', ok: false, error: String(e && e.message ? e.message : e).split('\n')[0] });
      log(`FAILED: ${e && e.stack ? e.stack : e}`);
    }
    return 1;
  })
  .then(async (status) => {
    if (browser) {
      await browser.close().catch(() => {});
    }
    stopCodeServer();
    writeResult();
    await new Promise((r) => setTimeout(r, 1000));
    killEverything();
    if (status === 0) {
      fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    } else {
      // What code-server and the extension's output channel said, for the report.
      for (const file of [result.code_server_log, ...findFiles(path.join(tmp, 'data', 'logs'), /glose|exthost\.log$/)]) {
        const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
        console.log(`--- ${file} (end)\n${text.split('\n').slice(-40).join('\n')}`);
      }
    }
    log(status === 0 ? 'PASS' : 'FAIL');
    process.exit(status);
  });
