-- cors-lint in Neovim 0.7 to 0.10: put this file in ~/.config/nvim/plugin/ (or `dofile` it from init.lua).
-- Settings: edit trustedOrigins (and add rules, run, enable) below.
local settings = {
  corsLint = {
    trustedOrigins = { 'https://app.example.com' },
  },
}
local cmd = vim.g.cors_lint_cmd or { 'cors-language-server', '--stdio' }
local filetypes = {
  'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'php', 'python',
  'apache', 'nginx', 'xml', 'conf',
}

-- The nearest folder above the file with one of these, else the file's folder.
local function root_of(bufnr)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  for _, marker in ipairs({ '.corslintrc.json', 'package.json' }) do
    local found = vim.fn.findfile(marker, dir .. ';')
    if found ~= '' then return vim.fn.fnamemodify(found, ':p:h') end
  end
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then return vim.fn.fnamemodify(git, ':p:h:h') end
  return dir
end

local clients = {} -- root folder -> client id
local group = vim.api.nvim_create_augroup('cors_lint', { clear = true })

vim.api.nvim_create_autocmd('FileType', {
  group = group,
  pattern = filetypes,
  callback = function(args)
    if vim.api.nvim_buf_get_name(args.buf) == '' then return end
    local root = root_of(args.buf)
    if not clients[root] then
      clients[root] = vim.lsp.start_client({
        name = 'cors_lint',
        cmd = cmd,
        root_dir = root,
        -- Neovim 0.7 does not offer workspace/configuration: the server reads these two instead.
        init_options = settings,
        settings = settings,
        on_init = function(client)
          client.notify('workspace/didChangeConfiguration', { settings = settings })
        end,
        on_exit = function()
          clients[root] = nil
        end,
      })
    end
    if clients[root] then vim.lsp.buf_attach_client(args.buf, clients[root]) end
  end,
})

-- IIS config files are XML even without an <?xml ...?> declaration.
vim.api.nvim_create_autocmd({ 'BufNewFile', 'BufRead' }, {
  group = group,
  pattern = { 'web.config', 'web.*.config', 'Web.config' },
  command = 'setfiletype xml',
})
