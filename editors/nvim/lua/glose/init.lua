-- glose for Neovim: starts `glose lsp` on the articles of a glose corpus, colours the
-- entities it finds, and adds commands for the server's own requests.
--
-- Neovim 0.7 and later. On 0.11+ the client is declared with vim.lsp.config('glose')
-- and started by vim.lsp.enable('glose'); on 0.8 to 0.10 with vim.lsp.start (one per
-- corpus folder); on 0.7 with vim.lsp.start_client and vim.lsp.buf_attach_client.
-- Neovim 0.9+ highlights semantic tokens itself (groups @lsp.type.*, linked here to
-- the Glose* groups); on 0.7 and 0.8 this plugin asks for the tokens and sets the
-- highlights.
--
-- See :help glose and editors/nvim/README.md.

local M = {}

local uv = vim.uv or vim.loop

local function has(version)
  return vim.fn.has('nvim-' .. version) == 1
end

--- The defaults of `setup()`; `require('glose').config` holds the options in use.
M.defaults = {
  -- The server command.
  cmd = { 'glose', 'lsp' },
  -- Filetypes of the buffers to attach to (`.txt` files get `text`).
  filetypes = { 'text' },
  -- Files that mark the folder of a corpus, looked for at and above the file; the first
  -- folder holding one of them is the root.
  root_markers = { 'glose.toml' },
  -- Attach to text files outside any corpus too (the file's folder is then the root).
  any_text = false,
  -- More KB files or folders (relative to the corpus folder, or absolute).
  kb = {},
  -- More plugin libraries, run isolated.
  plugins = {},
  -- Run the native plugins that the corpus's glose.toml names.
  trust_plugins = false,
  diagnostics = {
    enabled = true,
    -- The least severe level shown: 'error', 'warning', 'information' or 'hint'.
    level = 'hint',
  },
  -- Milliseconds to wait after an edit before analysing again (nil: the server's, 150).
  debounce_ms = nil,
  -- On Neovim 0.7 and 0.8, which have no semantic tokens of their own: ask the server
  -- for them and highlight the entities.
  semantic_tokens = true,
  -- function(client, bufnr), called when a client attaches to a buffer.
  on_attach = nil,
  -- Client capabilities (default: vim.lsp.protocol.make_client_capabilities()).
  capabilities = nil,
}

M.config = vim.deepcopy(M.defaults)

--- Highlight groups and the groups they link to by default. Each is defined with
--- `default = true`: a colorscheme or the user overrides it with :highlight or
--- nvim_set_hl.
M.highlights = {
  GlosePerson = { link = 'Identifier' },
  GloseOrganization = { link = 'Function' },
  GlosePlace = { link = 'String' },
  GloseDate = { link = 'Special' },
  GloseQuantity = { link = 'Number' },
  GloseQuote = { italic = true },
  GloseEntity = { link = 'Type' },
  -- Names linked to the knowledge base: nothing by default (try underline = true).
  GloseLinked = {},
}

--- The server's token types (its legend) and their groups.
M.token_groups = {
  person = 'GlosePerson',
  organization = 'GloseOrganization',
  place = 'GlosePlace',
  date = 'GloseDate',
  quantity = 'GloseQuantity',
  quote = 'GloseQuote',
  entity = 'GloseEntity',
}
M.modifier_groups = { linked = 'GloseLinked' }

--- Defines the Glose* groups and, on Neovim 0.9+, links the semantic token groups
--- (@lsp.type.person…, @lsp.mod.linked) to them.
function M.define_highlights()
  for name, spec in pairs(M.highlights) do
    local hl = vim.deepcopy(spec)
    hl.default = true
    vim.api.nvim_set_hl(0, name, hl)
  end
  if has('0.9') then
    for token, group in pairs(M.token_groups) do
      vim.api.nvim_set_hl(0, '@lsp.type.' .. token, { link = group, default = true })
    end
    for modifier, group in pairs(M.modifier_groups) do
      vim.api.nvim_set_hl(0, '@lsp.mod.' .. modifier, { link = group, default = true })
    end
  end
end

--- The settings sent to the server, with its keys (docs/editors.md).
function M.server_settings(opts)
  opts = opts or M.config
  local diagnostics = opts.diagnostics or {}
  local settings = {
    trustPlugins = opts.trust_plugins == true,
    diagnostics = {
      enabled = diagnostics.enabled ~= false,
      level = diagnostics.level or 'hint',
    },
  }
  if opts.debounce_ms then
    settings.debounceMs = opts.debounce_ms
  end
  -- Lists are always sent, empty ones too (Neovim encodes an empty table as []): the
  -- server keeps what a setting is not given, so a list emptied by a later setup()
  -- must be sent empty.
  local function paths(value)
    if type(value) == 'string' then
      value = { value }
    end
    local out = {}
    for _, p in ipairs(value or {}) do
      table.insert(out, vim.fn.expand(p))
    end
    return out
  end
  settings.kb = paths(opts.kb)
  settings.plugins = paths(opts.plugins)
  return settings
end

--- The folder of the corpus of `path`: the nearest folder at or above it that holds a
--- `glose.toml` (or another of `root_markers`), and the marker found; nil if none.
function M.find_root(path)
  if not path or path == '' then
    return nil
  end
  local dir = vim.fn.fnamemodify(path, ':p')
  local stat = uv.fs_stat(dir)
  if not (stat and stat.type == 'directory') then
    dir = vim.fn.fnamemodify(dir, ':h')
  end
  dir = dir:gsub('/+$', '')
  if dir == '' then
    dir = '/'
  end
  local markers = M.config.root_markers or M.defaults.root_markers
  if type(markers) == 'string' then
    markers = { markers }
  end
  while true do
    for _, name in ipairs(markers) do
      if uv.fs_stat((dir == '/' and '' or dir) .. '/' .. name) then
        return dir, name
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir or parent == '' then
      return nil
    end
    dir = parent
  end
end

--- The glose clients attached to `bufnr`, or all of them when `bufnr` is nil.
function M.clients(bufnr)
  local all
  if vim.lsp.get_clients then
    all = vim.lsp.get_clients({ name = 'glose' })
  else
    all = vim.lsp.get_active_clients()
  end
  local out = {}
  for _, c in pairs(all) do
    if c.name == 'glose' and (bufnr == nil or vim.lsp.buf_is_attached(bufnr, c.id)) then
      table.insert(out, c)
    end
  end
  table.sort(out, function(a, b)
    return a.id < b.id
  end)
  return out
end

--- Sends a request; `handler(err, result, ctx)`.
function M.request(client, method, params, handler, bufnr)
  if has('0.11') then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

local function notify(client, method, params)
  if has('0.11') then
    return client:notify(method, params)
  end
  return client.notify(method, params)
end

--- Byte column (0-based) of LSP character `index` of `line` in encoding `enc`.
function M.byte_col(line, index, enc)
  if enc == 'utf-8' then
    return math.min(index, #line)
  end
  local ok, col
  if has('0.11') then
    ok, col = pcall(vim.str_byteindex, line, enc, index, false)
  else
    ok, col = pcall(vim.str_byteindex, line, index, enc ~= 'utf-32')
  end
  if ok and col then
    return math.min(col, #line)
  end
  return #line
end

local function say(msg, level)
  vim.notify('glose: ' .. msg, level or vim.log.levels.INFO)
end

-- 0.7: client id by root folder.
local started = {}

local function is_article(bufnr)
  if vim.bo[bufnr].buftype ~= '' then
    return false
  end
  local ft = vim.bo[bufnr].filetype
  for _, want in ipairs(M.config.filetypes or {}) do
    if ft == want then
      return true
    end
  end
  return ft == '' and vim.api.nvim_buf_get_name(bufnr):match('%.txt$') ~= nil
end

-- The version of the last diagnostics published for each document (by URI).
local published_versions = {}

local function on_publish_diagnostics(err, result, ctx, config)
  local handler = vim.lsp.handlers['textDocument/publishDiagnostics']
  local ret = handler(err, result, ctx, config)
  if not (result and result.uri) then
    return ret
  end
  -- Diagnostics published again for the same version: the server analysed the
  -- document again without an edit (a correction, a changed KB, new settings), and
  -- its highlights may have changed too. 0.9+ asks for tokens only after edits; 0.7
  -- and 0.8 (the plugin's own highlights) ask after each set of diagnostics.
  local again = result.version ~= nil and published_versions[result.uri] == result.version
  published_versions[result.uri] = result.version
  local fname = vim.uri_to_fname(result.uri)
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.api.nvim_buf_get_name(b) == fname then
      if not has('0.9') then
        if M.config.semantic_tokens then
          require('glose.semantic').schedule(b, 0)
        end
      elseif again then
        vim.lsp.semantic_tokens.force_refresh(b)
      end
    end
  end
  return ret
end

local function client_config(root)
  local opts = M.config
  local settings = M.server_settings(opts)
  return {
    name = 'glose',
    cmd = opts.cmd,
    root_dir = root,
    init_options = settings,
    settings = { glose = vim.deepcopy(settings) },
    capabilities = opts.capabilities or vim.lsp.protocol.make_client_capabilities(),
    handlers = { ['textDocument/publishDiagnostics'] = on_publish_diagnostics },
    on_init = function(client)
      -- Neovim 0.8+ sends the settings after initializing; 0.7 does not.
      if not has('0.8') then
        notify(client, 'workspace/didChangeConfiguration', { settings = client.config.settings })
      end
    end,
    on_attach = function(client, bufnr)
      if not has('0.9') and M.config.semantic_tokens then
        require('glose.semantic').attach(client, bufnr)
      end
      if M.config.on_attach then
        M.config.on_attach(client, bufnr)
      end
    end,
    on_exit = function(_, _, client_id)
      for root_dir, id in pairs(started) do
        if id == client_id then
          started[root_dir] = nil
        end
      end
    end,
  }
end

--- The corpus folder of `bufnr` if it is an article (or, with `any_text`, the folder of
--- a text file in no corpus); nil otherwise.
local function root_of(bufnr)
  if not vim.api.nvim_buf_is_valid(bufnr) or not is_article(bufnr) then
    return nil
  end
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return nil
  end
  local root = M.find_root(name)
  if not root and M.config.any_text then
    root = vim.fn.fnamemodify(name, ':p:h')
  end
  return root
end

-- Neovim 0.11+: the client is described once with vim.lsp.config('glose') and started
-- by vim.lsp.enable('glose'); anything set later with vim.lsp.config('glose', {...})
-- applies to the clients started after it.
local native = has('0.11') and vim.lsp.config ~= nil and vim.lsp.enable ~= nil

local function register_native()
  local cfg = client_config(nil)
  cfg.filetypes = M.config.filetypes
  cfg.root_dir = function(bufnr, on_dir)
    local root = root_of(bufnr)
    if root then
      on_dir(root)
    end
  end
  -- Replaced, not merged: a list of an earlier setup() must not outlive it.
  vim.lsp.config['glose'] = cfg
  vim.lsp.enable('glose')
end

--- Attaches a glose client to `bufnr` (default: the current buffer) when it is an
--- article of a corpus (or any text file, with `any_text`). Returns the client id.
function M.attach(bufnr)
  if bufnr == nil or bufnr == 0 then
    bufnr = vim.api.nvim_get_current_buf()
  end
  local root = root_of(bufnr)
  if not root then
    return nil
  end
  if native then
    local cfg = vim.deepcopy(vim.lsp.config['glose'])
    cfg.root_dir = root
    return vim.lsp.start(cfg, { bufnr = bufnr })
  end
  if vim.lsp.start then
    return vim.lsp.start(client_config(root), { bufnr = bufnr })
  end
  local id = started[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(client_config(root))
    started[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

local LEVELS = { error = true, warning = true, information = true, hint = true }

--- Why the options `opts` (as given to setup()) are wrong, or nil.
function M.check_options(opts)
  if type(opts) ~= 'table' then
    return 'setup() takes a table of options, not a ' .. type(opts)
  end
  local function strings(v, or_string)
    if or_string and type(v) == 'string' then
      return true
    end
    if type(v) ~= 'table' then
      return false
    end
    for _, x in ipairs(v) do
      if type(x) ~= 'string' then
        return false
      end
    end
    return true
  end
  for key in pairs(opts) do
    if M.defaults[key] == nil and key ~= 'debounce_ms' and key ~= 'on_attach' and key ~= 'capabilities' then
      return ('unknown option %q'):format(tostring(key))
    end
  end
  if opts.cmd ~= nil and not (strings(opts.cmd) and #opts.cmd > 0) then
    return "cmd must be a list of strings, the program first: { 'glose', 'lsp' }"
  end
  if opts.filetypes ~= nil and not strings(opts.filetypes) then
    return "filetypes must be a list of filetypes: { 'text' }"
  end
  if opts.root_markers ~= nil and not strings(opts.root_markers, true) then
    return "root_markers must be a list of file names: { 'glose.toml' }"
  end
  for _, k in ipairs({ 'kb', 'plugins' }) do
    if opts[k] ~= nil and not strings(opts[k], true) then
      return k .. ' must be a path or a list of paths'
    end
  end
  for _, k in ipairs({ 'any_text', 'trust_plugins', 'semantic_tokens' }) do
    if opts[k] ~= nil and type(opts[k]) ~= 'boolean' then
      return k .. ' must be true or false'
    end
  end
  local d = opts.diagnostics
  if d ~= nil then
    if type(d) ~= 'table' then
      return "diagnostics must be a table: { enabled = true, level = 'hint' }"
    end
    if d.enabled ~= nil and type(d.enabled) ~= 'boolean' then
      return 'diagnostics.enabled must be true or false'
    end
    if d.level ~= nil and not LEVELS[d.level] then
      return ("diagnostics.level must be 'error', 'warning', 'information' or 'hint', not %s"):format(
        vim.inspect(d.level))
    end
  end
  if opts.debounce_ms ~= nil and not (type(opts.debounce_ms) == 'number' and opts.debounce_ms >= 0) then
    return 'debounce_ms must be a number of milliseconds (0 or more)'
  end
  if opts.on_attach ~= nil and type(opts.on_attach) ~= 'function' then
    return 'on_attach must be a function(client, bufnr)'
  end
  if opts.capabilities ~= nil and type(opts.capabilities) ~= 'table' then
    return 'capabilities must be a table'
  end
  return nil
end

--- Sets the plugin up: options (see M.defaults), highlights, and attaching to the
--- articles of corpora as they are opened. Wrong options are an error, and change
--- nothing.
function M.setup(opts)
  local problem = M.check_options(opts == nil and {} or opts)
  if problem then
    error('glose: ' .. problem, 2)
  end
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  -- Lists replace the defaults, they are not merged index by index.
  for _, k in ipairs({ 'cmd', 'filetypes', 'root_markers', 'kb', 'plugins' }) do
    if opts and opts[k] ~= nil then
      M.config[k] = opts[k]
    end
  end
  M.define_highlights()
  if vim.fn.executable(M.config.cmd[1]) ~= 1 then
    say(('`%s` is not executable: no server can start. Install glose or give its path in '
      .. "setup({ cmd = { '/path/to/glose', 'lsp' } }).")
      :format(M.config.cmd[1]), vim.log.levels.WARN)
  end
  local group = vim.api.nvim_create_augroup('glose', { clear = true })
  vim.api.nvim_create_autocmd('ColorScheme', {
    group = group,
    callback = function()
      M.define_highlights()
    end,
  })
  if native then
    register_native()
  else
    vim.api.nvim_create_autocmd('FileType', {
      group = group,
      pattern = M.config.filetypes,
      callback = function(args)
        M.attach(args.buf)
      end,
    })
  end
  vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
    group = group,
    pattern = '*.txt',
    callback = function(args)
      -- A .txt file whose filetype detection is off.
      if vim.bo[args.buf].filetype == '' then
        M.attach(args.buf)
      end
    end,
  })
  -- Clients already running (setup() called again) get the new settings.
  local settings = M.server_settings(M.config)
  for _, c in ipairs(M.clients()) do
    c.config.settings = { glose = vim.deepcopy(settings) }
    notify(c, 'workspace/didChangeConfiguration', { settings = c.config.settings })
  end
  -- Buffers already open (a client already started for one is reused).
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) then
      M.attach(b)
    end
  end
  M._setup_done = true
end

-- Commands ---------------------------------------------------------------------------

local function buffer_lines_of(fname, cache)
  if cache[fname] then
    return cache[fname]
  end
  local lines
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.api.nvim_buf_get_name(b) == fname then
      lines = vim.api.nvim_buf_get_lines(b, 0, -1, false)
      break
    end
  end
  if not lines then
    local ok, read = pcall(vim.fn.readfile, fname)
    lines = ok and read or {}
  end
  cache[fname] = lines
  return lines
end

--- A quickfix item for an LSP Location (or LocationLink).
function M.location_item(loc, enc, text, cache)
  local uri = loc.uri or loc.targetUri
  local range = loc.range or loc.targetSelectionRange or loc.targetRange
  local fname = vim.uri_to_fname(uri)
  local lines = buffer_lines_of(fname, cache or {})
  local s, e = range.start, range['end']
  local sline = lines[s.line + 1] or ''
  local eline = lines[e.line + 1] or ''
  return {
    filename = fname,
    lnum = s.line + 1,
    col = M.byte_col(sline, s.character, enc) + 1,
    end_lnum = e.line + 1,
    end_col = M.byte_col(eline, e.character, enc) + 1,
    text = text or vim.trim(sline),
  }
end

local function set_qflist(title, items, open)
  vim.fn.setqflist({}, ' ', { title = title, items = items })
  if open ~= false then
    vim.cmd('botright copen')
  end
end

local function first_client(bufnr, quiet)
  local c = M.clients(bufnr)[1]
  if not c and bufnr then
    -- A buffer that is not an article: any glose client will do.
    c = M.clients()[1]
  end
  if not c and not quiet then
    say('no glose language server is running (is this file in a corpus, with a glose.toml?)',
      vim.log.levels.WARN)
  end
  return c
end

--- The current buffer, its glose client (see first_client) and the client's offset
--- encoding; no client when there is none.
local function current_client()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = first_client(bufnr)
  return bufnr, client, client and (client.offset_encoding or 'utf-16')
end

--- Whether `bufnr` is an article of `client`'s corpus; says so when it is not.
local function in_corpus(bufnr, client)
  if vim.lsp.buf_is_attached(bufnr, client.id) then
    return true
  end
  say('this buffer is not an article of a corpus', vim.log.levels.WARN)
  return false
end

--- `M.request` for a command: an error is said, and `opts.on_done` gets nil; an answer
--- goes to `handle(result)`.
local function command_request(client, method, params, opts, handle, bufnr)
  M.request(client, method, params, function(err, result)
    if err then
      say(method .. ': ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return opts.on_done and opts.on_done(nil)
    end
    return handle(result)
  end, bufnr)
end

--- glose/status for every glose client; `cb(list)` gets { {client, status|nil, err} }.
function M.status(cb)
  local clients = M.clients()
  local results, pending = {}, #clients
  if pending == 0 then
    return cb(results)
  end
  for i, c in ipairs(clients) do
    M.request(c, 'glose/status', nil, function(err, result)
      results[i] = { client = c, status = result, err = err }
      pending = pending - 1
      if pending == 0 then
        cb(results)
      end
    end)
  end
end

function M.show_status()
  M.status(function(results)
    if #results == 0 then
      return say('no glose language server is running', vim.log.levels.WARN)
    end
    local lines = {}
    for _, r in ipairs(results) do
      if r.err then
        table.insert(lines, ('client %d: %s'):format(r.client.id, r.err.message or vim.inspect(r.err)))
      end
      for _, f in ipairs(r.status or {}) do
        table.insert(lines, ('%s: %s, %d articles, %d entities%s%s'):format(
          f.root,
          f.indexed and 'indexed' or 'indexing',
          f.articles or 0,
          f.entities or 0,
          (f.skipped or 0) > 0 and (', %d skipped'):format(f.skipped) or '',
          (f.indexed and f.busy) and ', updating' or ''
        ))
      end
    end
    vim.api.nvim_echo({ { 'glose: ' .. table.concat(lines, '\nglose: ') } }, true, {})
  end)
end

--- glose/reindex for the clients of the current buffer (all clients if none);
--- `cb(errors)` when every one has answered.
function M.reindex(cb)
  local clients = M.clients(vim.api.nvim_get_current_buf())
  if #clients == 0 then
    clients = M.clients()
  end
  local errors, pending = {}, #clients
  if pending == 0 then
    say('no glose language server is running', vim.log.levels.WARN)
    return cb and cb({ 'no client' })
  end
  for _, c in ipairs(clients) do
    M.request(c, 'glose/reindex', nil, function(err)
      if err then
        table.insert(errors, err.message or vim.inspect(err))
      end
      pending = pending - 1
      if pending == 0 then
        if cb then
          cb(errors)
        elseif #errors > 0 then
          say('reindex failed: ' .. table.concat(errors, '; '), vim.log.levels.ERROR)
        else
          say('reindexing ' .. table.concat(vim.tbl_map(function(x)
            return x.config.root_dir or '?'
          end, clients), ', '))
        end
      end
    end)
  end
end

--- Mentions of an entity into the quickfix list: of the entity with KB id `id` if given
--- (glose/mentions), else of the one under the cursor (textDocument/references).
--- `opts`: { open = true, on_done = function(items) }.
function M.mentions(id, opts)
  opts = opts or {}
  local bufnr, client, enc = current_client()
  if not client then
    return opts.on_done and opts.on_done(nil)
  end
  local method, params, what
  if id and id ~= '' then
    method, params, what = 'glose/mentions', { id = id }, id
  else
    if not in_corpus(bufnr, client) then
      return opts.on_done and opts.on_done(nil)
    end
    method = 'textDocument/references'
    params = vim.lsp.util.make_position_params(0, enc)
    params.context = { includeDeclaration = true }
    what = vim.fn.expand('<cword>')
  end
  command_request(client, method, params, opts, function(result)
    if not result or vim.tbl_isempty(result) then
      say('no entity here, or no mention of it')
      return opts.on_done and opts.on_done({})
    end
    local cache, items = {}, {}
    local here = vim.api.nvim_buf_get_name(bufnr)
    local row, col = unpack(vim.api.nvim_win_get_cursor(0))
    for _, loc in ipairs(result) do
      local item = M.location_item(loc, enc, nil, cache)
      table.insert(items, item)
      -- The name as written under the cursor.
      if method == 'textDocument/references' and item.filename == here and item.lnum == row
        and item.end_lnum == row and item.col <= col + 1 and col + 1 < item.end_col then
        local line = buffer_lines_of(here, cache)[row] or ''
        what = line:sub(item.col, item.end_col - 1)
      end
    end
    set_qflist('glose: mentions of ' .. what, items, opts.open)
    if opts.on_done then
      opts.on_done(items)
    end
  end, bufnr)
end

local LABELS = {
  per = 'PER',
  person = 'PER',
  org = 'ORG',
  organization = 'ORG',
  organisation = 'ORG',
  loc = 'LOC',
  place = 'LOC',
  date = 'DATE',
  quantity = 'QUANTITY',
  quote = 'QUOTE',
}

--- The entities of the corpus into the quickfix list, the most mentioned first, each at
--- its KB entry or first mention. `args`: words; a first word that is a label (PER,
--- ORG, LOC, DATE, QUANTITY, QUOTE, or person, place…) keeps that label, the rest is a
--- name to look for. `opts`: { open = true, limit = 1000, on_done = function(items) }.
function M.entities(args, opts)
  opts = opts or {}
  local words = type(args) == 'table' and args or vim.split(args or '', '%s+', { trimempty = true })
  local params = { limit = opts.limit or 1000 }
  if words[1] and (LABELS[words[1]:lower()] or words[1]:match('^%u+$')) then
    params.label = LABELS[words[1]:lower()] or words[1]
    table.remove(words, 1)
  end
  if #words > 0 then
    params.query = table.concat(words, ' ')
  end
  local _, client, enc = current_client()
  if not client then
    return opts.on_done and opts.on_done(nil)
  end
  command_request(client, 'glose/entities', params, opts, function(result)
    local cache, items = {}, {}
    for _, e in ipairs(result or {}) do
      local text = ('%-8s %s  %d mention%s in %d article%s%s%s'):format(
        e.label,
        e.name,
        e.mentions,
        e.mentions == 1 and '' or 's',
        e.documents,
        e.documents == 1 and '' or 's',
        e.first and (', ' .. e.first .. ((e.last and e.last ~= e.first) and (' → ' .. e.last) or '')) or '',
        e.inKb and '' or '  (not in the KB)'
      )
      if e.location then
        local item = M.location_item(e.location, enc, text, cache)
        item.user_data = { id = e.id }
        table.insert(items, item)
      else
        table.insert(items, { text = text, valid = 0, user_data = { id = e.id } })
      end
    end
    set_qflist('glose: entities', items, opts.open)
    if opts.on_done then
      opts.on_done(items, result)
    end
  end)
end

--- A quote's line in the quickfix list: `Speaker (verb): « … »`, on one line.
local function quote_text(q)
  local who = q.speaker or 'no speaker found'
  if q.anonymous then
    who = who .. ', unnamed source'
  end
  if q.verb then
    who = who .. ' (' .. q.verb .. ')'
  end
  return who .. ': ' .. vim.trim((q.text:gsub('%s+', ' ')))
end

--- Quotes into the quickfix list (glose/quotes), each at its place. `what`:
---   nil or ''   the quotes of the current article
---   '!'         the quotes, across the corpus, of the person or organisation under the
---               cursor (:GloseQuotes!)
---   '*'         every quote of the corpus
---   an id       the quotes of that entity (a KB id or a derived one, as
---               :GloseEntities and glose/entities give them)
--- `opts`: { open = true, on_done = function(items, result) }.
function M.quotes(what, opts)
  opts = opts or {}
  local bufnr, client, enc = current_client()
  if not client then
    return opts.on_done and opts.on_done(nil)
  end
  local params, title
  if what == '*' then
    params, title = {}, 'the corpus'
  elseif what and what ~= '' and what ~= '!' then
    params, title = { entity = what }, what
  else
    if not in_corpus(bufnr, client) then
      return opts.on_done and opts.on_done(nil)
    end
    local uri = vim.uri_from_bufnr(bufnr)
    if what == '!' then
      local position = vim.lsp.util.make_position_params(0, enc).position
      params, title = { uri = uri, position = position }, vim.fn.expand('<cword>')
    else
      params, title = { uri = uri }, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t')
    end
  end
  command_request(client, 'glose/quotes', params, opts, function(result)
    result = result or {}
    if what == '!' and result[1] then
      -- The speaker as the article names them, rather than the word under the cursor.
      title = result[1].speaker or title
    end
    local cache, items = {}, {}
    for _, q in ipairs(result) do
      local item = M.location_item(q, enc, quote_text(q), cache)
      item.user_data = { speaker_entity = q.speakerEntity }
      table.insert(items, item)
    end
    if #items == 0 then
      say(what == '!' and 'no person or organisation here, or no quote of them' or ('no quotes of ' .. title))
    end
    set_qflist('glose: quotes of ' .. title, items, opts.open ~= false and #items > 0)
    if opts.on_done then
      opts.on_done(items, result)
    end
  end, bufnr)
end

-- Corrections ------------------------------------------------------------------------

--- The kind of the server's correction actions (tag, reject, retype, extent, link,
--- corpus rules, undo).
M.correct_kind = 'refactor.glose.correct'

--- The end of a selection as Neovim's code action functions take it: mark-indexed (the
--- row from 1, the byte column of the last character), to which they add one unit of
--- the position encoding `enc`. So the last byte of that character in UTF-8, its first
--- byte otherwise. A column past the end of the line (a linewise selection) stands for
--- the line's last character.
local function selection_end(bufnr, row, col, enc)
  local line = vim.api.nvim_buf_get_lines(bufnr, row - 1, row, false)[1] or ''
  if #line == 0 then
    return { row, 0 }
  end
  local function continuation(i)
    local b = line:byte(i)
    return b ~= nil and b >= 0x80 and b < 0xC0
  end
  if col >= #line then
    -- The first byte of the last character (1-based index, then 0-based column).
    local first = #line
    while first > 1 and continuation(first) do
      first = first - 1
    end
    col = first - 1
  end
  if enc == 'utf-8' then
    local last = col + 1
    while continuation(last + 1) do
      last = last + 1
    end
    col = last - 1
  end
  return { row, col }
end

--- The server's corrections for the annotation under the cursor, or for `range` (a
--- selection, as the marks give it: `{ start = { row, col }, ['end'] = { row, col } }`,
--- rows from 1, byte columns from 0, the end being the last character), through
--- Neovim's code action menu (vim.ui.select) with the kind `refactor.glose.correct`
--- only. The server writes the chosen one to the corpus's `.glose/corrections.jsonl`
--- (workspace/executeCommand) and analyses the article again.
function M.correct(range)
  local bufnr, client, enc = current_client()
  if not client or not in_corpus(bufnr, client) then
    return
  end
  local context = { only = { M.correct_kind } }
  if range then
    range = { start = range.start, ['end'] = selection_end(bufnr, range['end'][1], range['end'][2], enc) }
  end
  if has('0.8') then
    vim.lsp.buf.code_action({ context = context, range = range })
  elseif range then
    vim.lsp.buf.range_code_action(context, range.start, range['end'])
  else
    vim.lsp.buf.code_action(context)
  end
end

--- Completion of entity ids (for :GloseMentions), from glose/entities.
function M.complete_ids(arglead)
  local client = first_client(vim.api.nvim_get_current_buf(), true)
  if not client then
    return {}
  end
  local done, ids = false, {}
  M.request(client, 'glose/entities', { limit = 5000 }, function(_, result)
    for _, e in ipairs(result or {}) do
      table.insert(ids, e.id)
    end
    done = true
  end)
  vim.wait(500, function()
    return done
  end, 10)
  local out = {}
  for _, id in ipairs(ids) do
    if id:sub(1, #arglead) == arglead then
      table.insert(out, id)
    end
  end
  table.sort(out)
  return out
end

return M
