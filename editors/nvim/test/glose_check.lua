-- End-to-end check of `glose lsp` through Neovim, headless.
--
-- Works on Neovim 0.7 (vim.lsp.start_client) and 0.8+ (vim.lsp.start). Opens one article
-- of a small corpus, starts the server on the corpus folder, and runs named checks, each
-- written to a JSON result file:
--
--   client_started, initialized  the client starts and the handshake completes
--   capabilities                 hover, definition, references and semantic tokens offered
--   diagnostics_variant          a `variant-spelling` diagnostic arrives, exactly on the
--                                variant as the buffer shows it
--   hover_entity                 markdown hover on a KB entity with its name and description
--   hover_range                  the hover's range covers the entity in the buffer
--   definition_kb                definition answers with the KB file, and the editor jumps
--                                there, inside the entity's entry
--   change_line_inserted         after a line is inserted at the top, the diagnostic moves
--                                down one line (incremental didChange)
--   change_within_line           after text is inserted on the diagnostic's own line, after
--                                accented letters and an emoji, the diagnostic still covers
--                                exactly the variant (positions in the negotiated encoding)
--   quotes_request               a quote of the entity typed after an emoji (not saved) is
--                                listed by glose/quotes for the entity's id and for the
--                                article, its range exactly on it, its speaker the entity
--
-- Every check appears in the result, passed or not. Each step waits at most
-- GLOSE_STEP_TIMEOUT_MS; run Neovim under `timeout` as well (see README.md).
--
-- Environment:
--   GLOSE_LSP_CMD     the server command: a JSON array (["glose", "lsp"]) or words
--                     separated by spaces (required)
--   GLOSE_ARTICLE     the article to open (required)
--   GLOSE_ENTITY      an entity's name as written both in the article and in the KB (required)
--   GLOSE_ENTITY_ID   its id in the KB (required)
--   GLOSE_ENTITY_DESCRIPTION  its description in the KB (required)
--   GLOSE_VARIANT     text of the article flagged `variant-spelling`, written on the same
--                     line as the first mention of the entity, after accented letters and
--                     an emoji (default: "Deir es-zor")
--   GLOSE_ROOT        the corpus folder (default: the article's folder)
--   GLOSE_KB          the KB file (default: GLOSE_ROOT/kb/entities.toml)
--   GLOSE_OUT         the JSON result (default: GLOSE_ARTICLE .. ".nvim.json")
--   GLOSE_STEP_TIMEOUT_MS  time limit of each step (default 15000)
--
-- Exit status: 0 = every check passed, 1 = a check failed, 2 = error in this script.

local harness = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/harness.lua')
local env, ms, realpath, uv = harness.env, harness.ms, harness.realpath, harness.uv

local CHECKS = {
  'client_started',
  'initialized',
  'capabilities',
  'diagnostics_variant',
  'hover_entity',
  'hover_range',
  'definition_kb',
  'change_line_inserted',
  'change_within_line',
  'quotes_request',
}

local v = vim.version()
local result = {
  nvim = ('%d.%d.%d'):format(v.major, v.minor, v.patch),
  published = {},
}
-- Every publishDiagnostics for the article, as the server sent it.
local published = {}

local check, finish, protect = harness.checks({
  names = CHECKS,
  result = result,
  out_path = env('GLOSE_OUT', (env('GLOSE_ARTICLE') or 'glose') .. '.nvim.json'),
  label = 'glose nvim check',
  -- Each publish: its version, when it came, how many diagnostics, the variant's range.
  before_write = function(r)
    r.published = vim.tbl_map(function(p)
      local variant = vim.NIL
      for _, d in ipairs(p.diagnostics) do
        if d.code == 'variant-spelling' then
          variant = d.range
          break
        end
      end
      return { version = p.version or vim.NIL, at_ms = p.at_ms, count = #p.diagnostics, variant = variant }
    end, published)
  end,
})

-- Positions. `enc` is the client's offset encoding: "utf-8", "utf-16" or "utf-32".
local function char_len(b)
  if b >= 0xF0 then
    return 4
  elseif b >= 0xE0 then
    return 3
  elseif b >= 0xC0 then
    return 2
  end
  return 1
end

--- The LSP character of byte column `col` (0-based) of `line`.
local function lsp_char(line, col, enc)
  if enc == 'utf-8' then
    return col
  end
  local units, i = 0, 1
  while i <= col and i <= #line do
    local len = char_len(line:byte(i))
    units = units + ((enc == 'utf-16' and len == 4) and 2 or 1)
    i = i + len
  end
  return units
end

--- The byte column (0-based) of LSP character `character` of `line`.
local function byte_col(line, character, enc)
  if enc == 'utf-8' then
    return math.min(character, #line)
  end
  local units, i = 0, 1
  while i <= #line and units < character do
    local len = char_len(line:byte(i))
    units = units + ((enc == 'utf-16' and len == 4) and 2 or 1)
    i = i + len
  end
  return i - 1
end

protect(function()
  local cmd_str, article = env('GLOSE_LSP_CMD'), env('GLOSE_ARTICLE')
  local entity, entity_id, description = env('GLOSE_ENTITY'), env('GLOSE_ENTITY_ID'), env('GLOSE_ENTITY_DESCRIPTION')
  assert(cmd_str and article and entity and entity_id and description,
    'GLOSE_LSP_CMD, GLOSE_ARTICLE, GLOSE_ENTITY, GLOSE_ENTITY_ID and GLOSE_ENTITY_DESCRIPTION must be set')
  local variant = env('GLOSE_VARIANT', 'Deir es-zor')
  local root = env('GLOSE_ROOT', vim.fn.fnamemodify(article, ':p:h'))
  local kb = env('GLOSE_KB', root .. '/kb/entities.toml')
  local timeout = tonumber(env('GLOSE_STEP_TIMEOUT_MS', '15000'))
  local cmd
  if cmd_str:sub(1, 1) == '[' then
    cmd = vim.fn.json_decode(cmd_str)
  else
    cmd = vim.split(cmd_str, ' ', { trimempty = true })
  end
  result.lsp_log = vim.lsp.get_log_path()

  vim.o.hidden = true -- jumping to the KB file keeps the article loaded and attached
  vim.cmd('edit ' .. vim.fn.fnameescape(article))
  local bufnr = vim.api.nvim_get_current_buf()
  -- Plain .txt: no filetype of its own in every version; the language id comes from it.
  vim.bo[bufnr].filetype = 'text'
  local article_path = realpath(vim.api.nvim_buf_get_name(bufnr))

  local function on_publish(e, params, ctx, config)
    if params and realpath(vim.uri_to_fname(params.uri)) == article_path then
      table.insert(published, { version = params.version, diagnostics = params.diagnostics or {}, at_ms = ms() })
    end
    return vim.lsp.diagnostic.on_publish_diagnostics(e, params, ctx, config)
  end

  local config = {
    name = 'glose',
    cmd = cmd,
    root_dir = root,
    handlers = { ['textDocument/publishDiagnostics'] = on_publish },
  }
  local client_id
  if vim.lsp.start then -- 0.8+
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else -- 0.7
    client_id = vim.lsp.start_client(config)
    if client_id then
      vim.lsp.buf_attach_client(bufnr, client_id)
    end
  end
  if not check('client_started', client_id ~= nil, client_id) then
    return finish(1)
  end

  local initialized = vim.wait(timeout, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized == true
  end, 20)
  local client = vim.lsp.get_client_by_id(client_id)
  if not check('initialized', initialized, initialized and 'handshake done' or 'no answer to initialize') then
    return finish(1)
  end
  local enc = client.offset_encoding or 'utf-16'
  result.offset_encoding = enc

  -- (a) capabilities
  local caps = client.server_capabilities or {}
  result.position_encoding = caps.positionEncoding
  local missing = {}
  for _, k in ipairs({ 'hoverProvider', 'definitionProvider', 'referencesProvider', 'semanticTokensProvider' }) do
    if not caps[k] then
      table.insert(missing, k)
    end
  end
  check('capabilities', #missing == 0, #missing == 0 and 'all offered' or { missing = missing })

  -- Where a text is in the buffer: 0-based line, byte column and the line.
  local function find(needle)
    return harness.find(bufnr, needle)
  end
  local function variant_in(diags)
    for _, d in ipairs(diags or {}) do
      if d.code == 'variant-spelling' then
        return d
      end
    end
  end

  -- The latest publish after the `since`th one: its variant-spelling diagnostic must be
  -- exactly on the variant as the buffer has it now, and Neovim must show it there.
  local function variant_state(since)
    local state = { publishes = #published }
    local last = published[#published]
    if #published <= since or not last then
      state.problem = 'no publish yet'
      return false, state
    end
    state.version = last.version
    local raw = variant_in(last.diagnostics)
    if not raw then
      state.problem = 'no variant-spelling in the latest publish'
      state.codes = vim.tbl_map(function(d)
        return d.code or vim.NIL
      end, last.diagnostics)
      return false, state
    end
    state.range = raw.range
    state.message = raw.message
    local l, col, line = find(variant)
    if not l then
      state.problem = 'variant not in the buffer'
      return false, state
    end
    state.expected = {
      start = { line = l, character = lsp_char(line, col, enc) },
      ['end'] = { line = l, character = lsp_char(line, col + #variant, enc) },
    }
    local r = raw.range
    local start_ok = r.start.line == l and r.start.character == state.expected.start.character
    local end_ok = r['end'].line == l and r['end'].character == state.expected['end'].character
    local shown
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'variant-spelling' then
        shown = d
        break
      end
    end
    if shown then
      local text = vim.api.nvim_buf_get_lines(bufnr, shown.lnum, shown.lnum + 1, false)[1] or ''
      state.shown = { lnum = shown.lnum, col = shown.col, end_lnum = shown.end_lnum, end_col = shown.end_col }
      state.shown_covers = shown.end_lnum == shown.lnum and text:sub(shown.col + 1, shown.end_col) or vim.NIL
    end
    local good = start_ok and end_ok and state.shown_covers == variant
    if not good then
      state.problem = 'range is not on the variant'
    end
    return good, state
  end

  -- (b) diagnostics after didOpen
  local state
  local got = vim.wait(timeout, function()
    local good
    good, state = variant_state(0)
    return good
  end, 20)
  check('diagnostics_variant', got, state)
  local before_line = state and state.range and state.range.start.line

  -- (c) hover on the entity, cursor inside its first mention
  local el, ecol, eline = find(entity)
  assert(el, 'entity not in the article: ' .. entity)
  vim.api.nvim_win_set_cursor(0, { el + 1, ecol + 3 })
  local params = vim.lsp.util.make_position_params(0, enc)
  result.hover_position = params.position
  local function request(method, p)
    local responses, rerr = vim.lsp.buf_request_sync(bufnr, method, p, timeout)
    local r = responses and responses[client_id]
    if r and r.error then
      table.insert(result.errors, { method = method, error = r.error })
    end
    return r and r.result, rerr or (r and r.error) or (r == nil and 'no response') or nil
  end
  local hover, herr = request('textDocument/hover', params)
  local contents = hover and hover.contents
  local value = type(contents) == 'table' and contents.value or nil
  local hover_ok = type(contents) == 'table'
    and contents.kind == 'markdown'
    and type(value) == 'string'
    and value:find(entity, 1, true) ~= nil
    and value:find(description, 1, true) ~= nil
  check('hover_entity', hover_ok, hover and { contents = contents } or { error = herr or vim.NIL })
  local covers = vim.NIL
  if hover and hover.range and hover.range.start.line == el and hover.range['end'].line == el then
    covers = eline:sub(byte_col(eline, hover.range.start.character, enc) + 1,
      byte_col(eline, hover.range['end'].character, enc))
  end
  check('hover_range', covers == entity, { range = hover and hover.range or vim.NIL, covers = covers })

  -- (d) definition: the answer, then the editor's jump
  local kb_path = realpath(kb)
  local def, derr = request('textDocument/definition', params)
  local loc = def
  if type(def) == 'table' and def.uri == nil and def.targetUri == nil then
    loc = def[1]
  end
  local def_uri = loc and (loc.uri or loc.targetUri)
  local def_file = def_uri and realpath(vim.uri_to_fname(def_uri))
  -- The entity's entry: from its [[entity]] header to the next one.
  local first, last = harness.kb_entry(kb, entity_id)
  assert(first, 'entity id not in the KB: ' .. entity_id)
  local detail = { answer = def or vim.NIL, error = derr or vim.NIL, entry_lines = { first, last } }
  local jumped = false
  if def_file == kb_path then
    vim.lsp.buf.definition()
    jumped = vim.wait(timeout, function()
      return realpath(vim.api.nvim_buf_get_name(0)) == kb_path
    end, 20)
    detail.landed_in = vim.api.nvim_buf_get_name(0)
    detail.cursor_line = vim.api.nvim_win_get_cursor(0)[1] - 1
    jumped = jumped and detail.cursor_line >= first and detail.cursor_line <= last
  end
  check('definition_kb', def_file == kb_path and jumped, detail)
  vim.api.nvim_set_current_buf(bufnr)

  -- (e) a line inserted at the top: the diagnostic moves down one line
  local mark = #published
  vim.api.nvim_buf_set_lines(bufnr, 0, 0, false, { 'Dernière minute 🕊 : la route du marché est rouverte.' })
  got = vim.wait(timeout, function()
    local good
    good, state = variant_state(mark)
    return good and before_line ~= nil and state.range.start.line == before_line + 1
  end, 20)
  state.line_before = before_line or vim.NIL
  check('change_line_inserted', got, state)

  -- (f) text inserted on the diagnostic's line, after « é » and the emoji, before the variant
  local vl, vcol, vline = find(variant)
  local prefix = vline and vline:sub(1, vcol) or ''
  assert(prefix:find('é', 1, true) and prefix:find('\240', 1, true),
    'the variant must follow an accented letter and an emoji on its line')
  mark = #published
  vim.api.nvim_buf_set_text(bufnr, vl, vcol, vl, vcol, { "l'entrée de " })
  got = vim.wait(timeout, function()
    local good
    good, state = variant_state(mark)
    return good
  end, 20)
  check('change_within_line', got, state)

  -- (g) glose/quotes: a quote of the entity typed at the end, after an emoji, not saved.
  local quote = '« Nous rouvrirons le marché dès lundi »'
  local n = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, n, n, false, { '', 'Mardi 😷 ' .. quote .. ', a déclaré la ' .. entity .. '.' })
  local ql, qcol, qline = find(quote)
  local expected = {
    start = { line = ql, character = lsp_char(qline, qcol, enc) },
    ['end'] = { line = ql, character = lsp_char(qline, qcol + #quote, enc) },
  }
  local uri = vim.uri_from_bufnr(bufnr)
  local function typed(list)
    for _, q in ipairs(type(list) == 'table' and list or {}) do
      if q.text == quote and realpath(vim.uri_to_fname(q.uri)) == article_path then
        return q
      end
    end
  end
  local quotes = {}
  local deadline = uv.now() + timeout
  got = false
  while not got and uv.now() < deadline do
    quotes.by_entity = request('glose/quotes', { entity = entity_id })
    quotes.by_article = request('glose/quotes', { uri = uri })
    local a, b = typed(quotes.by_entity), typed(quotes.by_article)
    got = a ~= nil and b ~= nil and vim.deep_equal(a.range, expected) and vim.deep_equal(a, b)
      and a.speakerEntity == entity_id and a.speaker == entity and a.anonymous == false
    if not got then
      vim.wait(100)
      uv.update_time()
    end
  end
  quotes.expected = expected
  check('quotes_request', got, quotes)

  finish(0)
end)
