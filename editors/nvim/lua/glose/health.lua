-- :checkhealth glose
--
-- Neovim 0.10+ has vim.health.start/ok/…; 0.8 and 0.9 vim.health.report_*; 0.7 the
-- module `health` with report_*.

local M = {}

local function reporter()
  local h = vim.health
  if not h then
    local ok, mod = pcall(require, 'health')
    h = ok and mod or {}
  end
  return {
    start = h.start or h.report_start,
    ok = h.ok or h.report_ok,
    info = h.info or h.report_info,
    warn = h.warn or h.report_warn,
    error = h.error or h.report_error,
  }
end

-- The buffer :checkhealth was started from (it runs in a buffer of its own).
local function user_buffer()
  local cur = vim.api.nvim_get_current_buf()
  if vim.bo[cur].buftype == '' and vim.api.nvim_buf_get_name(cur) ~= '' then
    return cur
  end
  local last = vim.g.glose_last_buffer
  if last and vim.api.nvim_buf_is_valid(last) then
    return last
  end
  local alt = vim.fn.bufnr('#')
  if alt > 0 and vim.api.nvim_buf_is_valid(alt) then
    return alt
  end
  return cur
end

function M.check()
  local r = reporter()
  local glose = require('glose')
  local config = glose.config

  r.start('Neovim')
  local v = vim.version()
  local version = ('%d.%d.%d'):format(v.major, v.minor, v.patch)
  if vim.fn.has('nvim-0.7') == 0 then
    r.error('Neovim ' .. version .. ': glose needs 0.7 or later')
  elseif vim.fn.has('nvim-0.9') == 1 then
    r.ok('Neovim ' .. version .. ': semantic highlighting by Neovim (@lsp.type.* linked to Glose*)')
  else
    r.ok('Neovim ' .. version .. ': semantic highlighting by this plugin (namespace glose_semantic)')
  end
  if glose._setup_done then
    r.ok('require("glose").setup() was called')
  else
    r.warn('require("glose").setup() was not called: nothing attaches to articles',
      { 'Add require("glose").setup({}) to your configuration.' })
  end

  r.start('glose language server')
  local cmd = config.cmd or {}
  local exe = cmd[1]
  if not exe or vim.fn.executable(exe) ~= 1 then
    r.error(('`%s` is not executable'):format(tostring(exe)), {
      'Install glose (cargo install --path crates/glose-cli) or set cmd in setup().',
    })
  else
    local path = vim.fn.exepath(exe)
    local out = vim.fn.system({ exe, '--version' })
    local first = vim.split(out or '', '\n', { trimempty = true })[1] or ''
    if vim.v.shell_error == 0 and first:match('^glose ') then
      r.ok(('%s (%s), command: %s'):format(first, path, table.concat(cmd, ' ')))
    else
      r.warn(('`%s --version` says %q (exit %d)'):format(path, first, vim.v.shell_error), {
        'cmd should start the glose binary: { "glose", "lsp" }',
      })
    end
  end
  local settings = glose.server_settings(config)
  r.info('settings sent to the server: ' .. vim.fn.json_encode(settings))

  r.start('Current buffer')
  local bufnr = user_buffer()
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    r.info('the buffer has no file')
    return
  end
  local root, marker = glose.find_root(name)
  local markers = config.root_markers or {}
  markers = type(markers) == 'table' and table.concat(markers, ' or ') or tostring(markers)
  if root then
    r.ok(('%s is in the corpus %s (%s)'):format(vim.fn.fnamemodify(name, ':~:.'), root, marker))
  elseif config.any_text then
    r.info(('%s is in no corpus (no %s at or above it); any_text is on'):format(name, markers))
  else
    r.warn(('%s is in no corpus: no %s at or above it'):format(name, markers), {
      'Create glose.toml in the corpus folder, or set any_text = true in setup().',
    })
  end
  local clients = glose.clients(bufnr)
  if #clients > 0 then
    for _, c in ipairs(clients) do
      r.ok(('client %d attached, root %s, positions %s'):format(
        c.id, c.config.root_dir or '?', c.offset_encoding or '?'))
    end
  else
    r.info(('no glose client attached to this buffer (filetype %q)'):format(vim.bo[bufnr].filetype))
  end

  r.start('Servers running')
  if vim.fn.has('nvim-0.11') == 1 then
    if vim.lsp.is_enabled and vim.lsp.is_enabled('glose') then
      r.ok("vim.lsp.config('glose') is enabled (vim.lsp.enable)")
    elseif glose._setup_done then
      r.warn("vim.lsp.config('glose') is not enabled", { "Call vim.lsp.enable('glose') or setup() again." })
    end
  end
  local all = glose.clients()
  if #all == 0 then
    r.info('no glose server is running (open an article of a corpus)')
  end
  for _, c in ipairs(all) do
    local answer, err
    if vim.fn.has('nvim-0.11') == 1 then
      answer, err = c:request_sync('glose/status', nil, 3000)
    else
      answer, err = c.request_sync('glose/status', nil, 3000)
    end
    if not answer then
      r.error(('server of client %d does not answer glose/status: %s'):format(c.id, tostring(err)))
    elseif answer.err then
      r.error(('server of client %d: glose/status failed: %s'):format(
        c.id, answer.err.message or vim.inspect(answer.err)))
    else
      for _, f in ipairs(answer.result or {}) do
        local line = ('server of client %d: %s %s, %d articles, %d entities'):format(
          c.id, f.root or '?', f.indexed and 'indexed' or 'being indexed', f.articles or 0, f.entities or 0)
        if (f.skipped or 0) > 0 then
          r.warn(line .. (', %d files skipped'):format(f.skipped))
        else
          r.ok(line)
        end
      end
    end
  end
end

return M
