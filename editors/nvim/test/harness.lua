-- What the check scripts of this folder share: their settings, the named checks and the
-- JSON result they write, and where things are in a buffer and in a KB file. A script
-- loads it from its own folder:
--
--   local harness = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/harness.lua')

local M = {}

--- The environment variable `k`, or `d` when it is unset or empty.
function M.env(k, d)
  local v = os.getenv(k)
  if v == nil or v == '' then
    return d
  end
  return v
end

local uv = vim.uv or vim.loop
M.uv = uv
local t0 = uv.hrtime()

--- Milliseconds since the script started.
function M.ms()
  return math.floor((uv.hrtime() - t0) / 1e6)
end

function M.realpath(p)
  return p and (uv.fs_realpath(p) or p)
end

--- A run of named checks, written to the JSON file `opts.out_path` when it finishes:
---   opts.names         every check, in order: one never reached is a failure
---   opts.result        the result's own fields (checks and errors are added)
---   opts.label         the line on stdout starts with it ("<label>: exit 0, <out_path>")
---   opts.before_write  called with the result just before it is written (optional)
--- Returns `check(name, ok, detail)` (records a check; returns whether it passed),
--- `finish(code)` (writes the result, stops the clients, quits Neovim with 0 if every
--- check passed, else `code` or 1) and `protect(body)` (runs `body`; an error in it is
--- recorded and quits with 2).
function M.checks(opts)
  local result = opts.result
  result.checks = {}
  result.errors = {}

  local function check(name, ok, detail)
    table.insert(result.checks, { name = name, ok = ok and true or false, detail = detail, at_ms = M.ms() })
    return ok and true or false
  end

  local function finish(code)
    local seen = {}
    for _, c in ipairs(result.checks) do
      seen[c.name] = true
    end
    for _, name in ipairs(opts.names) do
      if not seen[name] then
        check(name, false, 'not reached')
      end
    end
    for _, c in ipairs(result.checks) do
      if not c.ok and code == 0 then
        code = 1
      end
    end
    if opts.before_write then
      opts.before_write(result)
    end
    result.exit_code = code
    result.elapsed_ms = M.ms()
    local f = assert(io.open(opts.out_path, 'w'))
    f:write(vim.fn.json_encode(result))
    f:write('\n')
    f:close()
    io.stdout:write(('%s: exit %d, %s\n'):format(opts.label, code, opts.out_path))
    local clients = (vim.lsp.get_clients or vim.lsp.get_active_clients)()
    for _, c in ipairs(clients) do
      vim.lsp.stop_client(c.id, true)
    end
    vim.cmd(code == 0 and 'qall!' or ('cquit ' .. code))
  end

  local function protect(body)
    local ok, err = pcall(body)
    if not ok then
      table.insert(result.errors, tostring(err))
      pcall(finish, 2)
      vim.cmd('cquit 2')
    end
  end

  return check, finish, protect
end

--- Where `needle` first is in buffer `bufnr`: its 0-based line and byte column, and the
--- line's text; nothing when it is not there.
function M.find(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(needle, 1, true)
    if col then
      return i - 1, col - 1, line
    end
  end
end

--- The lines (0-based) of the entry of `id` in the KB file `kb`: from its [[entity]]
--- header to the line before the next one (or the file's last line); nothing when no
--- entry has that id.
function M.kb_entry(kb, id)
  local lines = vim.fn.readfile(kb)
  local id_line
  for i, line in ipairs(lines) do
    if line:match('^%s*id%s*=%s*"' .. vim.pesc(id) .. '"') then
      id_line = i - 1
    end
  end
  if not id_line then
    return nil
  end
  local first, last = 0, #lines - 1
  for i = id_line, 0, -1 do
    if lines[i + 1]:match('^%s*%[%[entity%]%]') then
      first = i
      break
    end
  end
  for i = id_line + 1, #lines - 1 do
    if lines[i + 1]:match('^%s*%[%[entity%]%]') then
      last = i - 1
      break
    end
  end
  return first, last
end

return M
