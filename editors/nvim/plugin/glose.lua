-- Commands of glose for Neovim. Nothing attaches until require('glose').setup() is called.
if vim.g.loaded_glose then
  return
end
vim.g.loaded_glose = true

if vim.fn.has('nvim-0.7') == 0 then
  return
end

local command = vim.api.nvim_create_user_command

command('GloseStatus', function()
  require('glose').show_status()
end, { desc = 'glose: state of the corpus index (glose/status)' })

command('GloseReindex', function()
  require('glose').reindex()
end, { desc = 'glose: load the configuration and KB again and index the corpus anew' })

command('GloseMentions', function(args)
  require('glose').mentions(args.args)
end, {
  nargs = '?',
  complete = function(arglead)
    return require('glose').complete_ids(arglead)
  end,
  desc = 'glose: mentions of the entity under the cursor (or of a KB id) in the quickfix list',
})

command('GloseQuotes', function(args)
  require('glose').quotes(args.bang and '!' or args.args)
end, {
  nargs = '?',
  bang = true,
  complete = function(arglead)
    local ids = require('glose').complete_ids(arglead)
    if arglead == '' then
      table.insert(ids, 1, '*')
    end
    return ids
  end,
  desc = 'glose: quotes of the article (! the speaker under the cursor, ID an entity, * the corpus) in the quickfix list',
})

command('GloseEntities', function(args)
  require('glose').entities(args.args)
end, { nargs = '*', desc = 'glose: entities of the corpus, most mentioned first, in the quickfix list' })

command('GloseCorrect', function(args)
  local range
  if args.range > 0 then
    -- From Visual mode: the selection; otherwise the whole lines of the range.
    local first, last = vim.api.nvim_buf_get_mark(0, '<'), vim.api.nvim_buf_get_mark(0, '>')
    if first[1] ~= args.line1 or last[1] ~= args.line2 then
      first, last = { args.line1, 0 }, { args.line2, 2147483647 }
    end
    range = { start = first, ['end'] = last }
  end
  require('glose').correct(range)
end, {
  range = true,
  desc = 'glose: correct the annotation under the cursor, or tag the selection (code actions)',
})

-- For a mapping of your own: vim.keymap.set({ 'n', 'x' }, '<leader>gc', '<Plug>(glose-correct)')
vim.keymap.set('n', '<Plug>(glose-correct)', '<Cmd>GloseCorrect<CR>',
  { desc = 'glose: correct the annotation under the cursor' })
vim.keymap.set('x', '<Plug>(glose-correct)', ':GloseCorrect<CR>',
  { silent = true, desc = 'glose: tag or correct the selection' })

-- The last buffer holding a file, for :checkhealth glose (which runs in its own buffer).
vim.api.nvim_create_autocmd('BufEnter', {
  group = vim.api.nvim_create_augroup('glose_last_buffer', { clear = true }),
  callback = function(args)
    if vim.bo[args.buf].buftype == '' and vim.api.nvim_buf_get_name(args.buf) ~= '' then
      vim.g.glose_last_buffer = args.buf
    end
  end,
})
