-- Semantic highlighting for Neovim 0.7 and 0.8, which do not handle semantic tokens:
-- asks the server for textDocument/semanticTokens/full after a buffer is attached, after
-- each set of diagnostics (the server has analysed the text) and after edits, decodes
-- the tokens and sets highlights (extmarks) in the namespace `glose_semantic`.
--
-- Neovim 0.9+ does this itself; the plugin then only links @lsp.type.* to its groups.

local S = {}

local uv = vim.uv or vim.loop

--- The namespace of the highlights.
S.ns = vim.api.nvim_create_namespace('glose_semantic')

--- Priorities as Neovim 0.9+ gives semantic tokens: types, then modifiers above them.
S.priority = 125

-- bufnr -> { timer, seq, tick }
local state = {}

local function glose()
  return require('glose')
end

local function client_of(bufnr)
  for _, c in ipairs(glose().clients(bufnr)) do
    local provider = c.server_capabilities and c.server_capabilities.semanticTokensProvider
    if provider and provider.full then
      return c
    end
  end
end

--- Decodes the tokens `data` (relative encoding, LSP 3.16) with `legend`: a list of
--- { line, start, end, type, modifiers }, start and end in the client's encoding.
function S.decode(data, legend)
  local tokens = {}
  local line, start = 0, 0
  for i = 1, #data - 4, 5 do
    local delta_line, delta_start, length = data[i], data[i + 1], data[i + 2]
    local type_index, bits = data[i + 3], data[i + 4]
    if delta_line > 0 then
      line = line + delta_line
      start = delta_start
    else
      start = start + delta_start
    end
    local modifiers = {}
    for m, name in ipairs(legend.tokenModifiers or {}) do
      local bit = 2 ^ (m - 1)
      if bits % (2 * bit) >= bit then
        table.insert(modifiers, name)
      end
    end
    table.insert(tokens, {
      line = line,
      start = start,
      ['end'] = start + length,
      type = (legend.tokenTypes or {})[type_index + 1],
      modifiers = modifiers,
    })
  end
  return tokens
end

--- Replaces the highlights of `bufnr` with those of `data`.
function S.apply(client, bufnr, data)
  local g = glose()
  local legend = client.server_capabilities.semanticTokensProvider.legend or {}
  local enc = client.offset_encoding or 'utf-16'
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  vim.api.nvim_buf_clear_namespace(bufnr, S.ns, 0, -1)
  for _, t in ipairs(S.decode(data or {}, legend)) do
    local text = lines[t.line + 1]
    if text then
      local first = g.byte_col(text, t.start, enc)
      local last = g.byte_col(text, t['end'], enc)
      if last > first then
        local function mark(group, priority)
          pcall(vim.api.nvim_buf_set_extmark, bufnr, S.ns, t.line, first, {
            end_row = t.line,
            end_col = last,
            hl_group = group,
            priority = priority,
          })
        end
        mark(g.token_groups[t.type] or 'GloseEntity', S.priority)
        for _, m in ipairs(t.modifiers) do
          if g.modifier_groups[m] then
            mark(g.modifier_groups[m], S.priority + 1)
          end
        end
      end
    end
  end
end

--- Asks for the tokens of `bufnr` now.
function S.request(bufnr)
  local st = state[bufnr]
  if not st or not vim.api.nvim_buf_is_loaded(bufnr) then
    return
  end
  local client = client_of(bufnr)
  if not client then
    vim.api.nvim_buf_clear_namespace(bufnr, S.ns, 0, -1)
    return
  end
  st.seq = st.seq + 1
  local seq = st.seq
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }
  glose().request(client, 'textDocument/semanticTokens/full', params, function(err, result)
    local now = state[bufnr]
    -- Only the answer to the latest request, for the text as it still is.
    if err or not result or not now or now.seq ~= seq then
      return
    end
    if not vim.api.nvim_buf_is_loaded(bufnr) or vim.api.nvim_buf_get_changedtick(bufnr) ~= tick then
      return
    end
    S.apply(client, bufnr, result.data)
    now.applied = (now.applied or 0) + 1
  end, bufnr)
end

--- Asks for the tokens of `bufnr` after `delay_ms` (a later call restarts the wait).
function S.schedule(bufnr, delay_ms)
  local st = state[bufnr]
  if not st then
    return
  end
  st.timer:stop()
  st.timer:start(delay_ms or 0, 0, vim.schedule_wrap(function()
    S.request(bufnr)
  end))
end

--- How many sets of tokens have been applied to `bufnr`.
function S.applied(bufnr)
  return state[bufnr] and state[bufnr].applied or 0
end

function S.detach(bufnr)
  local st = state[bufnr]
  if not st then
    return
  end
  state[bufnr] = nil
  st.timer:stop()
  st.timer:close()
  pcall(vim.api.nvim_del_augroup_by_id, st.group)
  if vim.api.nvim_buf_is_valid(bufnr) then
    vim.api.nvim_buf_clear_namespace(bufnr, S.ns, 0, -1)
  end
end

function S.attach(_, bufnr)
  if not state[bufnr] then
    local group = vim.api.nvim_create_augroup('glose_semantic_' .. bufnr, { clear = true })
    state[bufnr] = { timer = uv.new_timer(), seq = 0, group = group }
    vim.api.nvim_create_autocmd({ 'TextChanged', 'TextChangedI' }, {
      group = group,
      buffer = bufnr,
      callback = function()
        -- After the server's own debounce, so that the analysis is usually ready.
        S.schedule(bufnr, (glose().config.debounce_ms or 150) + 100)
      end,
    })
    vim.api.nvim_create_autocmd({ 'BufUnload', 'BufWipeout' }, {
      group = group,
      buffer = bufnr,
      callback = function()
        S.detach(bufnr)
      end,
    })
  end
  S.schedule(bufnr, 0)
end

return S
