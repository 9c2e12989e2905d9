-- End-to-end check of the glose Neovim plugin (editors/nvim) with `glose lsp`, headless.
--
-- Load the plugin through the runtimepath, then run this file:
--
--   nvim --headless --clean -n -i NONE --cmd 'set rtp+=editors/nvim' \
--     -c 'luafile editors/nvim/test/glose_plugin_check.lua'
--
-- It calls require('glose').setup{ cmd = { GLOSE_BIN, 'lsp' }, … }, opens an article
-- of a corpus (a copy of examples/corpus) and runs named checks, each written to a JSON
-- result file:
--
--   bad_options           setup() with a wrong option fails with a message naming it,
--                         and sets nothing up; a program that does not exist in cmd
--                         is a warning
--   plugin_loaded         the commands exist and setup() ran
--   highlight_groups      Glose* groups link to their defaults; a group the user set
--                         before setup() is kept; on 0.9+ @lsp.type.* link to Glose*
--   attached              one glose client attached to the article, initialized, with
--                         the corpus folder as root
--   start_method          0.11+: vim.lsp.config('glose') is declared (root_dir a
--                         function, the filetypes of setup()) and enabled, and the
--                         plugin has no FileType autocommand of its own; 0.7: the
--                         plugin's FileType autocommand starts the client
--   settings_sent         initializationOptions and settings.glose carry the options
--                         with the server's keys (debounceMs, trustPlugins, diagnostics)
--   diagnostics_published the server published diagnostics for the article
--   semantic_place        a place of the article is highlighted exactly (0.9+: Neovim's
--   semantic_person       semantic tokens with @lsp.type.place…; 0.7/0.8: the plugin's
--                         extmarks with GlosePlace… in the namespace glose_semantic)
--   hover                 vim.lsp.buf.hover() on a KB person opens a window with its
--                         name, description and how many quotes the corpus gives them
--   definition            vim.lsp.buf.definition() jumps into its KB entry
--   mentions              :GloseMentions on an entity of several articles fills the
--                         quickfix list with every mention (as many as glose/entities
--                         counts, in as many articles), one exactly at the cursor's
--   references            vim.lsp.buf.references() there fills the quickfix list
--                         with the same places in articles
--   mentions_by_id        :GloseMentions ID (glose/mentions) gives the same places
--   entities              :GloseEntities PER lists people only, the person among them
--   quotes                :GloseQuotes (the article's), :GloseQuotes! on the person
--                         (theirs, across the corpus), :GloseQuotes PERSON_ID and
--                         :GloseQuotes * (every quote) fill the quickfix list with the
--                         quotes `glose annotate` finds, each exactly at its place
--   status                :GloseStatus and glose/status: the corpus indexed, every
--                         article counted
--   kb_setting            a KB folder given in setup({ kb = … }), relative to the
--                         corpus, is loaded by the server: its entity (a place of the
--                         article no other KB names) is listed by glose/entities
--   reindex               :GloseReindex is answered, and the corpus is indexed again
--   one_client_per_root   another article of the corpus shares the client; a .txt
--                         outside any corpus gets none
--   diagnostics_after_edit  a variant spelling typed into the article gets its
--                         `variant-spelling` diagnostic exactly on it
--   semantic_after_edit   and a place highlight exactly on it
--   setup_again           setup() again with diagnostics.level 'error' and no KB
--                         path: the running client gets the settings, the variant's
--                         diagnostic (less severe) goes, the entity of the editor's
--                         KB is no longer known; back as before, both return
--   health                :checkhealth glose reports OK for the binary (its version),
--                         the corpus, the client attached and its server (indexed,
--                         every article counted), and no error
--   correct_reject        :GloseCorrect on a person of the article opens the code
--                         action menu (vim.ui.select) with correction actions only;
--                         "Not an entity: «…»" picked there writes a `reject` line
--                         for it to the corpus's .glose/corrections.jsonl, and the
--                         person is no longer highlighted (other names still are)
--   correct_tag           a Visual selection of words no tagger tags, then
--                         <Plug>(glose-correct) and "Tag «…» as LOC": a `tag` line
--                         with LOC, and the words highlighted as a place
--   correct_undo          :GloseCorrect on them again, "Undo the correction of «…»":
--                         the line is gone from the file, and so is the highlight
--   help_file             doc/glose.txt (copied) passes :helptags, and :help finds
--                         its tags for the commands and options
--   messages_clean        :messages holds no error and no deprecation warning
--
-- Every check appears in the result, passed or not. Each wait lasts at most
-- GLOSE_STEP_TIMEOUT_MS; run Neovim under `timeout` as well.
--
-- Environment:
--   GLOSE_BIN         the glose executable (required)
--   GLOSE_CORPUS      the corpus folder, a copy of examples/corpus (required)
--   GLOSE_OUTSIDE     a .txt file in no corpus (required)
--   GLOSE_ARTICLE     the article, relative to the corpus (default 01-raqqa-reconstruction.txt)
--   GLOSE_PLACE       a place of the article (default Raqqa)
--   GLOSE_PERSON      a person of the article and of the corpus's KB (default Leïla Mansour)
--   GLOSE_PERSON_ID   its KB id (default leila-mansour)
--   GLOSE_KB          the KB file with it (default GLOSE_CORPUS/kb/example.toml)
--   GLOSE_SHARED      text of the article naming an entity of several articles
--                     (default Etat islamique)
--   GLOSE_SHARED_ID   that entity's id (default etat-islamique)
--   GLOSE_VARIANT     a variant spelling of a place, typed into the article
--                     (default Deir es-zor)
--   GLOSE_EDITOR_KB   a name of the article in no KB, given to the server by a KB
--                     folder of setup() (default Mechleb)
--   GLOSE_REJECT      a person of the article, rejected by a correction
--                     (default Karim Haddad)
--   GLOSE_TAG         words of the article that no tagger tags, tagged LOC by a
--                     correction (default rond-point central)
--   GLOSE_OUT         the JSON result (default GLOSE_CORPUS .. "/plugin-check.json")
--   GLOSE_STEP_TIMEOUT_MS  time limit of each wait (default 15000)
--
-- Exit status: 0 = every check passed, 1 = a check failed, 2 = error in this script.

local harness = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/harness.lua')
local env, ms, realpath = harness.env, harness.ms, harness.realpath

local CHECKS = {
  'bad_options',
  'plugin_loaded',
  'highlight_groups',
  'attached',
  'start_method',
  'settings_sent',
  'diagnostics_published',
  'semantic_place',
  'semantic_person',
  'hover',
  'definition',
  'mentions',
  'references',
  'mentions_by_id',
  'entities',
  'quotes',
  'status',
  'kb_setting',
  'reindex',
  'one_client_per_root',
  'diagnostics_after_edit',
  'semantic_after_edit',
  'setup_again',
  'health',
  'correct_reject',
  'correct_tag',
  'correct_undo',
  'help_file',
  'messages_clean',
}

local v = vim.version()
local result = { nvim = ('%d.%d.%d'):format(v.major, v.minor, v.patch) }
local corpus_env = env('GLOSE_CORPUS')
local check, finish, protect = harness.checks({
  names = CHECKS,
  result = result,
  out_path = env('GLOSE_OUT', (corpus_env or '.') .. '/plugin-check.json'),
  label = 'glose plugin check',
})

-- Every publishDiagnostics, by file; the plugin calls the global handler.
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  if params and params.uri then
    local f = realpath(vim.uri_to_fname(params.uri))
    published[f] = published[f] or {}
    table.insert(published[f], { at_ms = ms(), count = #(params.diagnostics or {}) })
  end
  return default_publish(err, params, ctx, config)
end

protect(function()
  local bin, corpus, outside = env('GLOSE_BIN'), corpus_env, env('GLOSE_OUTSIDE')
  assert(bin and corpus and outside, 'GLOSE_BIN, GLOSE_CORPUS and GLOSE_OUTSIDE must be set')
  corpus = realpath(corpus)
  local article = corpus .. '/' .. env('GLOSE_ARTICLE', '01-raqqa-reconstruction.txt')
  local place = env('GLOSE_PLACE', 'Raqqa')
  local person, person_id = env('GLOSE_PERSON', 'Leïla Mansour'), env('GLOSE_PERSON_ID', 'leila-mansour')
  local kb = realpath(env('GLOSE_KB', corpus .. '/kb/example.toml'))
  local shared, shared_id = env('GLOSE_SHARED', 'Etat islamique'), env('GLOSE_SHARED_ID', 'etat-islamique')
  local variant = env('GLOSE_VARIANT', 'Deir es-zor')
  local editor_kb_name = env('GLOSE_EDITOR_KB', 'Mechleb')
  local editor_kb_id = 'editor-kb-place'
  local timeout = tonumber(env('GLOSE_STEP_TIMEOUT_MS', '15000'))
  result.lsp_log = vim.lsp.get_log_path()
  vim.o.hidden = true

  local function wait(fn)
    return vim.wait(timeout, fn, 20)
  end

  -- A group the user set before setup() stays as it is.
  vim.cmd('highlight GloseQuantity guifg=#c00000 ctermfg=1')
  local glose = require('glose')
  local bad = {}
  for _, case in ipairs({
    { { cmd = 'glose' }, 'cmd must be a list' },
    { { diagnostics = { level = 'loud' } }, 'diagnostics.level must be' },
    { { kb = 3 }, 'kb must be a path' },
    { { debounce_ms = -1 }, 'debounce_ms must be' },
    { { colour = true }, 'unknown option "colour"' },
    { 'text', 'setup() takes a table' },
  }) do
    local ok_setup, message = pcall(glose.setup, case[1])
    table.insert(bad, { failed = not ok_setup, message = tostring(message), expected = case[2],
      right = not ok_setup and tostring(message):find(case[2], 1, true) ~= nil })
  end
  local bad_ok = not glose._setup_done
  for _, b in ipairs(bad) do
    bad_ok = bad_ok and b.right
  end
  local no_group = not pcall(vim.api.nvim_get_autocmds, { group = 'glose' })
  -- A program that does not exist: a warning that says so, before any file is opened.
  local missing_program = vim.fn.tempname() .. '/glose'
  glose.setup({ cmd = { missing_program, 'lsp' } })
  local warned = vim.fn.execute('messages'):find('`' .. missing_program .. '` is not executable', 1, true) ~= nil
  check('bad_options', bad_ok and no_group and warned,
    { cases = bad, augroup_glose = not no_group, missing_program_warned = warned })
  -- A KB folder of the editor's settings, relative to the corpus.
  vim.fn.mkdir(corpus .. '/editor-kb', 'p')
  vim.fn.writefile({
    '[[entity]]',
    ('id = "%s"'):format(editor_kb_id),
    'type = "LOC"',
    ('name = "%s"'):format(editor_kb_name),
    'description = "Entry of a KB given by the editor settings."',
  }, corpus .. '/editor-kb/places.toml')
  glose.setup({
    cmd = { bin, 'lsp' },
    kb = { 'editor-kb' },
    debounce_ms = 100,
    diagnostics = { enabled = true, level = 'hint' },
  })
  local commands = {}
  for _, c in ipairs({ 'GloseStatus', 'GloseReindex', 'GloseMentions', 'GloseEntities', 'GloseQuotes', 'GloseCorrect' }) do
    commands[c] = vim.fn.exists(':' .. c) == 2
  end
  check('plugin_loaded', glose._setup_done and not vim.tbl_contains(vim.tbl_values(commands), false),
    { commands = commands, rtp_has_plugin = #vim.api.nvim_get_runtime_file('plugin/glose.lua', false) == 1 })

  -- Highlight groups: where each one leads.
  local function resolves_to(group)
    return vim.fn.synIDattr(vim.fn.synIDtrans(vim.fn.hlID(group)), 'name')
  end
  local expected_links = {
    GlosePerson = 'Identifier',
    GloseOrganization = 'Function',
    GlosePlace = 'String',
    GloseDate = 'Special',
    GloseEntity = 'Type',
  }
  -- Token types of the server's legend and their groups, as documented.
  local expected_groups = {
    person = 'GlosePerson',
    organization = 'GloseOrganization',
    place = 'GlosePlace',
    date = 'GloseDate',
    quantity = 'GloseQuantity',
    quote = 'GloseQuote',
    entity = 'GloseEntity',
  }
  local hl = { links = {}, problems = {} }
  for group, target in pairs(expected_links) do
    -- The target itself may link further (String -> Constant on 0.7).
    hl.links[group] = resolves_to(group)
    if hl.links[group] ~= resolves_to(target) then
      table.insert(hl.problems, group .. ' does not lead to ' .. target)
    end
  end
  local quote = vim.api.nvim_get_hl_by_name('GloseQuote', true)
  if not quote.italic then
    table.insert(hl.problems, 'GloseQuote is not italic')
  end
  local quantity = vim.api.nvim_get_hl_by_name('GloseQuantity', true)
  hl.quantity_fg = quantity.foreground
  if quantity.foreground ~= 0xc00000 then
    table.insert(hl.problems, 'GloseQuantity set before setup() was overridden')
  end
  if vim.fn.has('nvim-0.9') == 1 then
    for token, group in pairs(expected_groups) do
      local link = vim.api.nvim_get_hl(0, { name = '@lsp.type.' .. token }).link
      if link ~= group then
        table.insert(hl.problems, ('@lsp.type.%s links to %s'):format(token, tostring(link)))
      end
    end
  end
  check('highlight_groups', #hl.problems == 0, hl)

  -- The article: filetype detection, then the plugin attaches.
  vim.cmd('edit ' .. vim.fn.fnameescape(article))
  local bufnr = vim.api.nvim_get_current_buf()
  local client
  local attached = wait(function()
    local cs = glose.clients(bufnr)
    client = cs[1]
    return #cs == 1 and client.initialized ~= false and (client.initialized or client.server_capabilities ~= nil)
  end)
  attached = attached and wait(function()
    return client.initialized == true or (client.server_capabilities and next(client.server_capabilities) ~= nil)
  end)
  local attach_detail = {
    filetype = vim.bo[bufnr].filetype,
    clients = #glose.clients(bufnr),
    root = client and client.config.root_dir or vim.NIL,
  }
  if not check('attached', attached and realpath(client.config.root_dir) == corpus and vim.bo[bufnr].filetype == 'text',
    attach_detail) then
    return finish(1)
  end
  local enc = client.offset_encoding or 'utf-16'
  result.offset_encoding = enc

  local own_filetype = #vim.api.nvim_get_autocmds({ group = 'glose', event = 'FileType' })
  if vim.fn.has('nvim-0.11') == 1 then
    local cfg = vim.lsp.config['glose']
    check('start_method',
      vim.lsp.is_enabled('glose') and cfg ~= nil and type(cfg.root_dir) == 'function'
        and vim.deep_equal(cfg.filetypes, { 'text' }) and own_filetype == 0,
      {
        enabled = vim.lsp.is_enabled('glose'),
        root_dir = cfg and type(cfg.root_dir) or vim.NIL,
        filetypes = cfg and cfg.filetypes or vim.NIL,
        own_filetype_autocmds = own_filetype,
      })
  else
    check('start_method', own_filetype == 1, { own_filetype_autocmds = own_filetype })
  end

  local expected_settings = {
    debounceMs = 100,
    trustPlugins = false,
    diagnostics = { enabled = true, level = 'hint' },
    kb = { 'editor-kb' },
    plugins = {},
  }
  check('settings_sent',
    vim.deep_equal(client.config.init_options, expected_settings)
      and vim.deep_equal(client.config.settings, { glose = expected_settings }),
    { init_options = client.config.init_options, settings = client.config.settings })

  local article_path = realpath(article)
  local got = wait(function()
    return published[article_path] ~= nil
  end)
  check('diagnostics_published', got, { publishes = published[article_path] or {} })

  -- Where a text is in the buffer: 0-based line and byte column.
  local function find(needle)
    return harness.find(bufnr, needle)
  end

  -- The highlight of `group`'s kind at (row, col), and the text it covers.
  local semantic = vim.fn.has('nvim-0.9') == 1 and 'neovim' or 'plugin'
  result.semantic = semantic
  local function highlight_at(row, col)
    local found = {}
    if semantic == 'neovim' then
      -- Neovim sets the highlights of its tokens as it draws the lines of a window.
      if vim.api.nvim_get_current_buf() == bufnr then
        vim.api.nvim_win_set_cursor(0, { row + 1, col })
      end
      vim.cmd('redraw')
      for _, t in ipairs(vim.lsp.semantic_tokens.get_at_pos(bufnr, row, col) or {}) do
        table.insert(found, { kind = 'token', type = t.type, first = t.start_col, last = t.end_col })
      end
      for _, m in ipairs(vim.inspect_pos(bufnr, row, col).semantic_tokens or {}) do
        table.insert(found, { kind = 'extmark', group = m.opts.hl_group, first = m.col, last = m.end_col })
      end
    else
      local ns = require('glose.semantic').ns
      local marks = vim.api.nvim_buf_get_extmarks(bufnr, ns, { row, 0 }, { row, -1 }, { details = true })
      for _, m in ipairs(marks) do
        local d = m[4]
        if m[3] <= col and col < d.end_col then
          table.insert(found, { kind = 'extmark', group = d.hl_group, first = m[3], last = d.end_col })
        end
      end
    end
    return found
  end
  local function semantic_state(text, token_type)
    local row, col = find(text)
    local state = { text = text, row = row or vim.NIL, col = col or vim.NIL }
    if not row then
      state.problem = 'not in the buffer'
      return false, state
    end
    state.found = highlight_at(row, col)
    local last = col + #text
    -- The group the README promises for the token type (not the plugin's own table).
    local group = expected_groups[token_type]
    local token_ok, mark_ok = semantic == 'plugin', false
    for _, f in ipairs(state.found) do
      if f.kind == 'token' and f.type == token_type and f.first == col and f.last == last then
        token_ok = true
      end
      -- Neovim's group is @lsp.type.place, or @lsp.type.place.text for the filetype.
      local want = semantic == 'neovim' and ('@lsp.type.' .. token_type) or group
      if f.kind == 'extmark' and (f.group == want or f.group == want .. '.' .. vim.bo[bufnr].filetype)
        and f.first == col and f.last == last then
        mark_ok = true
        state.shows_as = resolves_to(f.group)
      end
    end
    -- It looks like the Glose group.
    mark_ok = mark_ok and state.shows_as == resolves_to(group)
    return token_ok and mark_ok, state
  end
  for _, case in ipairs({ { 'semantic_place', place, 'place' }, { 'semantic_person', person, 'person' } }) do
    local state
    got = wait(function()
      local good
      good, state = semantic_state(case[2], case[3])
      return good
    end)
    check(case[1], got, state)
  end

  -- The quotes of the corpus as the command line finds them (`glose annotate`, the same
  -- taggers as the server): file, line and byte column (from 1) of each, its text and
  -- speaker.
  local cli_quotes = {}
  do
    local out = vim.fn.system({ bin, 'annotate', '--format', 'jsonl', corpus })
    assert(vim.v.shell_error == 0, 'glose annotate: ' .. out)
    for _, line in ipairs(vim.split(out, '\n', { trimempty = true })) do
      local doc = vim.fn.json_decode(line)
      local file = realpath(doc.path)
      local f = assert(io.open(file, 'rb'))
      local text = f:read('*a')
      f:close()
      for _, a in ipairs(doc.annotations) do
        if a.label == 'QUOTE' then
          local before = text:sub(1, a.start)
          local last_nl = 0
          for i in before:gmatch('()\n') do
            last_nl = i
          end
          local attrs = type(a.attrs) == 'table' and a.attrs or {}
          table.insert(cli_quotes, {
            place = ('%s:%d:%d'):format(file, select(2, before:gsub('\n', '')) + 1, a.start - last_nl + 1),
            file = file,
            text = a.text,
            entity = attrs.speaker_entity,
          })
        end
      end
    end
  end
  local person_quotes = vim.tbl_filter(function(q)
    return q.entity == person_id
  end, cli_quotes)
  assert(#person_quotes > 0, 'glose annotate gives ' .. person .. ' no quote')

  -- Hover: the window Neovim opens.
  local pl, pc = find(person)
  vim.api.nvim_win_set_cursor(0, { pl + 1, pc + 2 })
  local function floats()
    local out = {}
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then
        table.insert(out, w)
      end
    end
    return out
  end
  local description
  for _, line in ipairs(vim.fn.readfile(kb)) do
    if description == false and line:match('^%s*description%s*=') then
      description = line:match('^%s*description%s*=%s*"(.*)"%s*$')
      break
    end
    if line:match('^%s*id%s*=%s*"' .. vim.pesc(person_id) .. '"') then
      description = false
    end
  end
  assert(description, 'no description of ' .. person_id .. ' in ' .. kb)
  vim.lsp.buf.hover()
  local hover_text
  got = wait(function()
    for _, w in ipairs(floats()) do
      local lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false)
      hover_text = table.concat(lines, '\n')
      if hover_text:find(person, 1, true) and hover_text:find(description, 1, true)
        and hover_text:find(('%d quote'):format(#person_quotes), 1, true) then
        return true
      end
    end
    return false
  end)
  check('hover', got, { text = hover_text or vim.NIL, description = description })
  for _, w in ipairs(floats()) do
    pcall(vim.api.nvim_win_close, w, true)
  end

  -- Definition: the jump into the KB entry.
  vim.api.nvim_win_set_cursor(0, { pl + 1, pc + 2 })
  -- The person's entry: from its [[entity]] header to the next one.
  local first, last = harness.kb_entry(kb, person_id)
  assert(first, 'no entry ' .. person_id .. ' in ' .. kb)
  vim.lsp.buf.definition()
  got = wait(function()
    return realpath(vim.api.nvim_buf_get_name(0)) == kb
  end)
  local cursor = vim.api.nvim_win_get_cursor(0)[1] - 1
  check('definition', got and cursor >= first and cursor <= last,
    { landed_in = vim.api.nvim_buf_get_name(0), cursor_line = cursor, entry = { first, last } })
  vim.api.nvim_set_current_buf(bufnr)

  -- The corpus index, through the plugin (glose/status).
  local articles = #vim.fn.globpath(corpus, '*.txt', false, true)
  local function status_now()
    local answer
    glose.status(function(r)
      answer = r
    end)
    wait(function()
      return answer ~= nil
    end)
    return answer and answer[1] and answer[1].status and answer[1].status[1]
  end
  -- Counts are those of the whole corpus once it is indexed.
  local indexed = wait(function()
    local now = status_now()
    return now ~= nil and now.indexed == true
  end)
  assert(indexed, 'the corpus is not indexed after ' .. timeout .. ' ms')

  -- The entity of several articles: its counts from glose/entities.
  local counts
  local done = false
  glose.request(client, 'glose/entities', { limit = 10000 }, function(e, r)
    for _, item in ipairs(r or {}) do
      if item.id == shared_id then
        counts = item
      end
    end
    done = e == nil
  end)
  wait(function()
    return done
  end)
  assert(counts, 'glose/entities does not list ' .. shared_id)

  local sl, sc = find(shared)
  vim.api.nvim_win_set_cursor(0, { sl + 1, sc + 1 })
  local function mentions_state(items)
    local state = { count = #items, mentions = counts.mentions, documents = counts.documents }
    local files, at_cursor = {}, false
    for _, it in ipairs(items) do
      local f = realpath(it.filename or vim.api.nvim_buf_get_name(it.bufnr))
      if f:match('%.txt$') then
        files[f] = true
      end
      if f == article_path and it.lnum == sl + 1 and it.col == sc + 1 then
        at_cursor = true
      end
    end
    state.articles = vim.tbl_count(files)
    state.at_cursor = at_cursor
    local txt = 0
    for _, it in ipairs(items) do
      if realpath(it.filename or vim.api.nvim_buf_get_name(it.bufnr)):match('%.txt$') then
        txt = txt + 1
      end
    end
    state.in_articles = txt
    return txt == counts.mentions and state.articles == counts.documents and state.articles >= 2 and at_cursor,
      state
  end
  vim.fn.setqflist({}, 'r', { title = '', items = {} })
  vim.cmd('GloseMentions')
  local state
  got = wait(function()
    local qf = vim.fn.getqflist({ title = 1, items = 1 })
    if qf.title ~= 'glose: mentions of ' .. shared then
      return false
    end
    local good
    good, state = mentions_state(qf.items)
    state.title = qf.title
    return good
  end)
  check('mentions', got, state)
  local by_reference = vim.fn.getqflist()
  vim.cmd('cclose')
  vim.api.nvim_set_current_buf(bufnr)

  -- The places of the articles in quickfix items, as a set.
  local function article_places(items)
    local set = {}
    for _, it in ipairs(items) do
      local f = realpath(it.filename or vim.api.nvim_buf_get_name(it.bufnr))
      if f:match('%.txt$') then
        set[('%s:%d:%d'):format(f, it.lnum, it.col)] = true
      end
    end
    return set
  end

  -- Neovim's own references, at the same place.
  vim.api.nvim_win_set_cursor(0, { sl + 1, sc + 1 })
  vim.fn.setqflist({}, 'r', { title = '', items = {} })
  vim.lsp.buf.references()
  got = wait(function()
    local qf = vim.fn.getqflist({ title = 1, items = 1 })
    if qf.title ~= 'References' then
      return false
    end
    local a, b = article_places(by_reference), article_places(qf.items)
    state = { count = #qf.items, in_articles = vim.tbl_count(b), mentions = vim.tbl_count(a) }
    return vim.tbl_count(a) > 0 and vim.deep_equal(a, b)
  end)
  check('references', got, state)
  vim.cmd('cclose')
  vim.api.nvim_set_current_buf(bufnr)

  vim.cmd('GloseMentions ' .. shared_id)
  got = wait(function()
    local qf = vim.fn.getqflist({ title = 1, items = 1 })
    if not qf.title:find(shared_id, 1, true) then
      return false
    end
    local good
    good, state = mentions_state(qf.items)
    local function key(it)
      return ('%s:%d:%d'):format(realpath(vim.api.nvim_buf_get_name(it.bufnr)), it.lnum, it.col)
    end
    local a, b = {}, {}
    for _, it in ipairs(by_reference) do
      if realpath(vim.api.nvim_buf_get_name(it.bufnr)):match('%.txt$') then
        a[key(it)] = true
      end
    end
    for _, it in ipairs(qf.items) do
      if realpath(vim.api.nvim_buf_get_name(it.bufnr)):match('%.txt$') then
        b[key(it)] = true
      end
    end
    state.same_as_references = vim.deep_equal(a, b)
    return good and state.same_as_references
  end)
  check('mentions_by_id', got, state)
  vim.cmd('cclose')
  vim.api.nvim_set_current_buf(bufnr)

  -- :GloseEntities PER
  vim.cmd('GloseEntities PER')
  got = wait(function()
    local qf = vim.fn.getqflist({ title = 1, items = 1 })
    if qf.title ~= 'glose: entities' or #qf.items == 0 then
      return false
    end
    local all_people, has_person = true, false
    for _, it in ipairs(qf.items) do
      all_people = all_people and it.text:match('^PER%s') ~= nil
      has_person = has_person or it.text:find(person, 1, true) ~= nil
    end
    state = { count = #qf.items, first = qf.items[1].text, all_people = all_people, has_person = has_person }
    return all_people and has_person
  end)
  check('entities', got, state)
  vim.cmd('cclose')
  vim.api.nvim_set_current_buf(bufnr)

  -- :GloseQuotes in its four forms, against the command line's quotes.
  local function places_of(list)
    local set = {}
    for _, q in ipairs(list) do
      set[q.place] = true
    end
    return set
  end
  local quotes_state = {}
  local function quotes_case(name, command, title, expected, cursor)
    vim.api.nvim_set_current_buf(bufnr)
    if cursor then
      vim.api.nvim_win_set_cursor(0, cursor)
    end
    vim.fn.setqflist({}, 'r', { title = '', items = {} })
    vim.cmd(command)
    local case = { command = command, expected = vim.tbl_count(places_of(expected)) }
    local good = wait(function()
      local qf = vim.fn.getqflist({ title = 1, items = 1 })
      case.title = qf.title
      if qf.title ~= title then
        return false
      end
      local places, texts_ok = {}, true
      local by_place = {}
      for _, q in ipairs(expected) do
        by_place[q.place] = q
      end
      for _, it in ipairs(qf.items) do
        local place = ('%s:%d:%d'):format(realpath(vim.api.nvim_buf_get_name(it.bufnr)), it.lnum, it.col)
        places[place] = true
        -- The line of the list holds the quote (on one line).
        local q = by_place[place]
        if not q or not it.text:find(vim.trim((q.text:gsub('%s+', ' '))), 1, true) then
          texts_ok = false
        end
      end
      case.count = #qf.items
      case.first = qf.items[1] and qf.items[1].text or vim.NIL
      case.same_places = vim.deep_equal(places, places_of(expected))
      case.texts_ok = texts_ok
      return case.same_places and texts_ok and case.count == #expected
    end)
    quotes_state[name] = case
    vim.cmd('cclose')
    return good
  end
  local article_name = vim.fn.fnamemodify(article_path, ':t')
  local quotes_ok = quotes_case('article', 'GloseQuotes', 'glose: quotes of ' .. article_name,
    vim.tbl_filter(function(q)
      return q.file == article_path
    end, cli_quotes))
  quotes_ok = quotes_case('speaker_at_cursor', 'GloseQuotes!', 'glose: quotes of ' .. person, person_quotes,
    { pl + 1, pc + 2 }) and quotes_ok
  quotes_ok = quotes_case('speaker_by_id', 'GloseQuotes ' .. person_id, 'glose: quotes of ' .. person_id,
    person_quotes) and quotes_ok
  quotes_ok = quotes_case('corpus', 'GloseQuotes *', 'glose: quotes of the corpus', cli_quotes) and quotes_ok
  check('quotes', quotes_ok and #cli_quotes > #person_quotes, quotes_state)
  vim.api.nvim_set_current_buf(bufnr)

  -- :GloseStatus, and glose/status through the plugin.
  local s
  got = wait(function()
    s = status_now()
    return s ~= nil and s.indexed == true
  end)
  vim.cmd('GloseStatus')
  local messages
  local shown = wait(function()
    messages = vim.fn.execute('messages')
    return messages:find(('glose: %s: indexed, %d articles'):format(corpus, articles), 1, true) ~= nil
  end)
  check('status', got and shown and realpath(s.root) == corpus and s.articles == articles and s.entities > 0,
    { status = s or vim.NIL, articles = articles, messages = messages })

  -- The KB of setup(): its entity is known to the server.
  local listed
  done = false
  glose.request(client, 'glose/entities', { query = editor_kb_name, limit = 50 }, function(e, r)
    listed = e and { error = e } or (r or {})
    done = true
  end)
  wait(function()
    return done
  end)
  local from_editor_kb
  for _, item in ipairs(listed or {}) do
    if item.id == editor_kb_id then
      from_editor_kb = item
    end
  end
  check('kb_setting', from_editor_kb ~= nil and from_editor_kb.inKb == true and (from_editor_kb.mentions or 0) >= 1,
    { entity = from_editor_kb or vim.NIL, listed = listed or vim.NIL })

  -- :GloseReindex, then the corpus indexed again.
  local reindex_errors
  glose.reindex(function(errors)
    reindex_errors = errors
  end)
  got = wait(function()
    return reindex_errors ~= nil
  end)
  vim.cmd('GloseReindex')
  local again = got and wait(function()
    s = status_now()
    return s ~= nil and s.indexed == true and s.busy == false and s.articles == articles
  end)
  check('reindex', got and #reindex_errors == 0 and again, { errors = reindex_errors or vim.NIL, status = s or vim.NIL })

  -- One client per corpus; nothing outside a corpus.
  local other = vim.fn.globpath(corpus, '*.txt', false, true)
  table.sort(other)
  local second = other[1] == article_path and other[2] or other[1]
  vim.cmd('edit ' .. vim.fn.fnameescape(second))
  local second_buf = vim.api.nvim_get_current_buf()
  local shared_client = wait(function()
    local cs = glose.clients(second_buf)
    return #cs == 1 and cs[1].id == client.id
  end)
  vim.cmd('edit ' .. vim.fn.fnameescape(outside))
  local outside_buf = vim.api.nvim_get_current_buf()
  vim.wait(300)
  local outside_clients = #glose.clients(outside_buf)
  check('one_client_per_root', shared_client and outside_clients == 0 and #glose.clients() == 1, {
    second = second,
    second_clients = vim.tbl_map(function(c)
      return c.id
    end, glose.clients(second_buf)),
    outside_filetype = vim.bo[outside_buf].filetype,
    outside_clients = outside_clients,
    all_clients = #glose.clients(),
  })
  vim.api.nvim_set_current_buf(bufnr)

  -- A variant spelling typed into the article, after accented letters.
  local line_count = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, line_count, line_count, false,
    { '', "Plus à l'est, à " .. variant .. ', les prix ont baissé.' })
  got = wait(function()
    local row, col = find(variant)
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'variant-spelling' then
        state = { lnum = d.lnum, col = d.col, end_col = d.end_col, message = d.message, expected = { row, col } }
        if d.lnum == row and d.col == col and d.end_lnum == row and d.end_col == col + #variant then
          return true
        end
      end
    end
    state = state or { diagnostics = #vim.diagnostic.get(bufnr) }
    return false
  end)
  check('diagnostics_after_edit', got, state)
  got = wait(function()
    local good
    good, state = semantic_state(variant, 'place')
    return good
  end)
  check('semantic_after_edit', got, state)

  -- setup() again: the running client gets the new settings.
  local function known_to_server()
    local answer
    glose.request(client, 'glose/entities', { query = editor_kb_name, limit = 50 }, function(_, r)
      answer = r or {}
    end)
    wait(function()
      return answer ~= nil
    end)
    for _, item in ipairs(answer or {}) do
      if item.id == editor_kb_id then
        return true
      end
    end
    return false
  end
  local function variant_shown()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'variant-spelling' then
        return true
      end
    end
    return false
  end
  local again = {}
  local base = { cmd = { bin, 'lsp' }, debounce_ms = 100 }
  glose.setup(vim.tbl_extend('force', base, { kb = {}, diagnostics = { level = 'error' } }))
  again.clients = #glose.clients()
  again.sent = vim.deepcopy(client.config.settings)
  again.hidden = wait(function()
    if variant_shown() then
      return false
    end
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.severity ~= vim.diagnostic.severity.ERROR then
        return false
      end
    end
    return true
  end)
  again.kb_gone = wait(function()
    return not known_to_server()
  end)
  glose.setup(vim.tbl_extend('force', base, { kb = { 'editor-kb' }, diagnostics = { level = 'hint' } }))
  again.shown = wait(variant_shown)
  again.kb_back = wait(known_to_server)
  check('setup_again', again.clients == 1 and again.sent.glose.diagnostics.level == 'error'
    and vim.deep_equal(again.sent.glose.kb, {}) and again.hidden and again.kb_gone and again.shown
    and again.kb_back, again)

  -- :checkhealth glose, from the article.
  vim.cmd('checkhealth glose')
  local health_lines = {}
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.bo[b].filetype == 'checkhealth' or vim.api.nvim_buf_get_name(b):match('health://') then
      health_lines = vim.api.nvim_buf_get_lines(b, 0, -1, false)
    end
  end
  local health = table.concat(health_lines, '\n')
  local version = vim.split(vim.fn.system({ bin, '--version' }), '\n')[1]
  -- Each of these must be on a line reported OK.
  local wanted = {
    binary = version,
    corpus = corpus .. ' (glose.toml)',
    client = ('client %d attached, root %s'):format(client.id, client.config.root_dir),
    server = ('%s indexed, %d articles'):format(client.config.root_dir, articles),
  }
  local missing = {}
  for what, text in pairs(wanted) do
    local found = false
    for _, line in ipairs(health_lines) do
      if line:find('OK', 1, true) and line:find(text, 1, true) then
        found = true
      end
    end
    if not found then
      table.insert(missing, what .. ': ' .. text)
    end
  end
  check('health', #missing == 0 and health:find('ERROR', 1, true) == nil,
    { missing = missing, lines = health_lines })

  -- Corrections, through Neovim's code action menu. vim.ui.select is the menu here: it
  -- records what it is given and picks the action whose title starts with menu.pick.
  vim.api.nvim_set_current_buf(bufnr)
  local corrections_file = corpus .. '/.glose/corrections.jsonl'
  local function saved()
    local out = {}
    if vim.fn.filereadable(corrections_file) == 1 then
      for _, line in ipairs(vim.fn.readfile(corrections_file)) do
        if line ~= '' then
          table.insert(out, vim.fn.json_decode(line))
        end
      end
    end
    return out
  end
  local function saved_line(decision, text, label)
    for _, c in ipairs(saved()) do
      if c.decision == decision and c.text == text and c.file == article_name
        and (label == nil or c.label == label) then
        return c
      end
    end
  end
  local menu = {}
  local ui_select = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    menu.titles, menu.kinds, menu.prompt = {}, {}, opts.prompt
    local chosen
    for _, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      -- 0.10+: { action, ctx }; 0.7: { client_id, action }.
      local action = item.action or item[2] or {}
      table.insert(menu.titles, title)
      table.insert(menu.kinds, action.kind or vim.NIL)
      if not chosen and title:sub(1, #menu.pick) == menu.pick then
        chosen = item
      end
    end
    menu.chosen = chosen ~= nil
    on_choice(chosen)
  end
  local function only_corrections()
    if not menu.kinds or #menu.kinds == 0 then
      return false
    end
    for _, kind in ipairs(menu.kinds) do
      if kind ~= glose.correct_kind then
        return false
      end
    end
    return true
  end
  -- Whether a highlight of `token_type` (person, place) covers (row, col).
  local function highlighted_as(row, col, token_type)
    for _, f in ipairs(highlight_at(row, col)) do
      if (f.kind == 'token' and f.type == token_type)
        or (f.kind == 'extmark' and (f.group == expected_groups[token_type]
          or f.group:find('@lsp.type.' .. token_type, 1, true) == 1)) then
        return true
      end
    end
    return false
  end
  -- The highlights were asked for again: another name of the article still has its own.
  local function highlights_loaded()
    local row, col = find(place)
    return highlighted_as(row, col, 'place')
  end

  local rejected = env('GLOSE_REJECT', 'Karim Haddad')
  local rl, rc = find(rejected)
  assert(rl, rejected .. ' is not in the article')
  local reject_state = { text = rejected }
  reject_state.highlighted_before = wait(function()
    return highlighted_as(rl, rc, 'person')
  end)
  vim.api.nvim_win_set_cursor(0, { rl + 1, rc + 2 })
  menu = { pick = 'Not an entity: «' .. rejected .. '»' }
  vim.cmd('GloseCorrect')
  reject_state.saved = wait(function()
    return saved_line('reject', rejected) ~= nil
  end)
  reject_state.unhighlighted = reject_state.saved and wait(function()
    return not highlighted_as(rl, rc, 'person') and highlights_loaded()
  end)
  reject_state.menu = vim.deepcopy(menu)
  reject_state.lines = saved()
  check('correct_reject', reject_state.highlighted_before and menu.chosen and only_corrections()
    and reject_state.saved and reject_state.unhighlighted, reject_state)

  -- A selection in Visual mode, then the plugin's mapping.
  local words = env('GLOSE_TAG', 'rond-point central')
  local tl, tc = find(words)
  assert(tl, words .. ' is not in the article')
  local tag_state = { text = words, highlighted_before = highlighted_as(tl, tc, 'place') }
  vim.api.nvim_win_set_cursor(0, { tl + 1, tc })
  menu = { pick = 'Tag «' .. words .. '» as LOC' }
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(
    ('v%dl<Plug>(glose-correct)'):format(vim.fn.strchars(words) - 1), true, false, true), 'x', false)
  tag_state.saved = wait(function()
    return saved_line('tag', words, 'LOC') ~= nil
  end)
  tag_state.highlighted = tag_state.saved and wait(function()
    local good
    good, tag_state.place = semantic_state(words, 'place')
    return good
  end)
  tag_state.menu = vim.deepcopy(menu)
  check('correct_tag', not tag_state.highlighted_before and menu.chosen and only_corrections()
    and tag_state.saved and tag_state.highlighted, tag_state)

  -- Undone from the analyst's annotation.
  vim.api.nvim_win_set_cursor(0, { tl + 1, tc + 1 })
  menu = { pick = 'Undo the correction of «' .. words .. '»' }
  vim.cmd('GloseCorrect')
  local undo_state = { text = words }
  undo_state.removed = wait(function()
    return saved_line('tag', words) == nil
  end)
  undo_state.unhighlighted = undo_state.removed and wait(function()
    return not highlighted_as(tl, tc, 'place') and highlights_loaded()
  end)
  undo_state.menu = vim.deepcopy(menu)
  undo_state.lines = saved()
  check('correct_undo', menu.chosen and undo_state.removed and undo_state.unhighlighted
    and saved_line('reject', rejected) ~= nil, undo_state)
  vim.ui.select = ui_select

  -- The help file: a copy passes :helptags, and :help finds its tags.
  local help_dir = vim.fn.tempname()
  vim.fn.mkdir(help_dir .. '/doc', 'p')
  local plugin_dir = vim.api.nvim_get_runtime_file('doc/glose.txt', false)[1]
  local help = { source = plugin_dir or vim.NIL, problems = {} }
  if not plugin_dir then
    table.insert(help.problems, 'doc/glose.txt is not on the runtimepath')
  else
    vim.fn.writefile(vim.fn.readfile(plugin_dir), help_dir .. '/doc/glose.txt')
    local tags_ok, tags_err = pcall(vim.cmd, 'helptags ' .. vim.fn.fnameescape(help_dir .. '/doc'))
    if not tags_ok then
      table.insert(help.problems, 'helptags: ' .. tostring(tags_err))
    end
    vim.opt.runtimepath:prepend(help_dir)
    for _, tag in ipairs({ 'glose', 'glose-setup', 'glose-options', ':GloseMentions', ':GloseReindex',
      ':GloseStatus', ':GloseEntities', ':GloseQuotes', ':GloseCorrect', '<Plug>(glose-correct)',
      'glose-corrections', 'GlosePlace', 'glose-health' }) do
      local opened = pcall(vim.cmd, 'help ' .. tag)
      local in_file = opened and vim.api.nvim_buf_get_name(0):match('doc/glose%.txt$') ~= nil
      if not in_file then
        table.insert(help.problems, ':help ' .. tag .. ' does not open doc/glose.txt')
      end
      if opened and vim.bo.buftype == 'help' then
        vim.cmd('helpclose')
      end
    end
  end
  check('help_file', #help.problems == 0, help)

  -- Nothing went wrong on the way: no error, no deprecation warning.
  local messages_now = vim.fn.execute('messages')
  local bad = {}
  for _, line in ipairs(vim.split(messages_now, '\n')) do
    local lower = line:lower()
    if lower:find('deprecat', 1, true) or lower:find('error', 1, true) or line:find('^E%d+:') then
      table.insert(bad, line)
    end
  end
  check('messages_clean', #bad == 0, { bad = bad, messages = messages_now })

  finish(0)
end)
