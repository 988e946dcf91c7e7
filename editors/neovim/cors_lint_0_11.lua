-- cors-lint in Neovim 0.11 and later: put this file in ~/.config/nvim/plugin/ (or `dofile` it from init.lua).
-- Settings: edit trustedOrigins (and add rules, run, enable) below.
local settings = {
  corsLint = {
    trustedOrigins = { 'https://app.example.com' },
  },
}

vim.lsp.config('cors_lint', {
  cmd = vim.g.cors_lint_cmd or { 'cors-language-server', '--stdio' },
  filetypes = {
    'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'php', 'python',
    'apache', 'nginx', 'xml', 'conf',
  },
  root_markers = { '.corslintrc.json', 'package.json', '.git' },
  init_options = settings,
  settings = settings,
})
vim.lsp.enable('cors_lint')

-- IIS config files are XML even without an <?xml ...?> declaration.
vim.filetype.add({
  filename = { ['web.config'] = 'xml', ['Web.config'] = 'xml' },
  pattern = { ['web%.[^/]+%.config'] = 'xml' },
})
