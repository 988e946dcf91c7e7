-- Drives a headless Neovim for test/editors/neovim.test.mjs, with editors/neovim/cors_lint.lua loaded as
-- the user's config. Every wait is bounded; the results (or the error) go to $CORS_LINT_RESULTS as JSON,
-- after each step, and Neovim quits at the end whatever happened.
local ws = vim.env.CORS_LINT_WS
local results_path = vim.env.CORS_LINT_RESULTS
local WAIT_MS = tonumber(vim.env.CORS_LINT_WAIT_MS or '15000')
local results = { steps = {} }

local function save()
  local f = assert(io.open(results_path, 'w'))
  f:write(vim.fn.json_encode(results))
  f:close()
end

-- Every publishDiagnostics the server sends, as it arrives (the handler is looked up per message).
local published = {}
local default_handler = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  table.insert(published, result)
  return default_handler(err, result, ctx, config)
end

local function codes(diagnostics)
  local out = {}
  for _, d in ipairs(diagnostics) do table.insert(out, d.code) end
  return out
end

-- The first publication for the buffer at (at least) its current version that satisfies pred.
local function wait_diagnostics(bufnr, what, pred)
  local uri = vim.uri_from_bufnr(bufnr)
  local found
  local ok = vim.wait(WAIT_MS, function()
    local version = vim.lsp.util.buf_versions[bufnr] or 0
    for _, p in ipairs(published) do
      if p.uri == uri and (p.version == nil or p.version >= version) and pred(p.diagnostics) then
        found = p
        return true
      end
    end
    return false
  end, 20)
  if not ok then
    error(string.format('%s: no diagnostics for %s within %d ms (buffer version %s); published: %s', what, uri,
      WAIT_MS, tostring(vim.lsp.util.buf_versions[bufnr]), vim.fn.json_encode(published)))
  end
  return found.diagnostics
end

local function has(rule)
  return function(diagnostics) return vim.tbl_contains(codes(diagnostics), rule) end
end
local function lacks(rule)
  return function(diagnostics) return not vim.tbl_contains(codes(diagnostics), rule) end
end

local function client_of(bufnr)
  local client
  vim.wait(WAIT_MS, function()
    client = vim.lsp.get_active_clients()[1]
    return client ~= nil and client.initialized and vim.lsp.buf_is_attached(bufnr, client.id)
  end, 20)
  assert(client and vim.lsp.buf_is_attached(bufnr, client.id), 'cors_lint did not attach to ' .. vim.api.nvim_buf_get_name(bufnr))
  return client
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, WAIT_MS)
  assert(responses, method .. ': ' .. tostring(err))
  for _, r in pairs(responses) do
    assert(not r.err, method .. ': ' .. vim.inspect(r.err))
    return r.result
  end
end

-- Applies the fix of the finding `rule` in the buffer and waits for diagnostics without it.
local function apply_fix(bufnr, client, rule, diagnostics)
  local target
  for _, d in ipairs(diagnostics) do
    if d.code == rule then target = d end
  end
  local actions = request(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = target.range,
    context = { diagnostics = { target } },
  })
  local fix, titles = nil, {}
  for _, a in ipairs(actions) do
    table.insert(titles, a.title)
    if a.isPreferred and a.edit then fix = a end
  end
  assert(fix, 'no preferred fix among: ' .. table.concat(titles, ' | '))
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  local after = wait_diagnostics(bufnr, 'after the fix of ' .. rule, lacks(rule))
  return {
    title = fix.title,
    text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n'),
    codes_after = codes(after),
  }
end

-- Opens a workspace file; records its filetype and the codes of its first diagnostics that include `rule`.
local function open_with_finding(name, key, rule)
  vim.cmd('edit ' .. vim.fn.fnameescape(ws .. '/' .. name))
  local bufnr = vim.api.nvim_get_current_buf()
  results[key .. '_filetype'] = vim.bo[bufnr].filetype
  local client = client_of(bufnr)
  local diagnostics = wait_diagnostics(bufnr, name .. ' on open', has(rule))
  results.steps[key .. '_open'] = codes(diagnostics)
  save()
  return bufnr, client, diagnostics
end

local function main()
  results.nvim = vim.version()

  -- An Express app: diagnostics on open, then after an edit made in Neovim, then the fix.
  local js, client = open_with_finding('server.js', 'js', 'reflected-origin-with-credentials')
  results.root_dir = client.config.root_dir
  for i, line in ipairs(vim.api.nvim_buf_get_lines(js, 0, -1, false)) do
    if line:find('origin: true', 1, true) then
      vim.api.nvim_buf_set_lines(js, i - 1, i, false, { (line:gsub('origin: true', "origin: '*'")) })
    end
  end
  local edited = wait_diagnostics(js, 'server.js after the edit', lacks('reflected-origin-with-credentials'))
  results.steps.js_edit = codes(edited)
  save()
  results.steps.js_fix = apply_fix(js, client, 'wildcard-origin-with-credentials', edited)
  save()

  -- An .htaccess (filetype apache): hover on the header name, then the fix.
  local ht, _, diags = open_with_finding('.htaccess', 'htaccess', 'wildcard-origin-with-credentials')
  local first = vim.api.nvim_buf_get_lines(ht, 0, 1, false)[1]
  local hover = request(ht, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(ht) },
    position = { line = 0, character = first:find('Access-Control-Allow-Origin', 1, true) + 4 },
  })
  results.steps.htaccess_hover = hover and hover.contents and hover.contents.value or vim.NIL
  save()
  results.steps.htaccess_fix = apply_fix(ht, client, 'wildcard-origin-with-credentials', diags)
  save()

  -- A web.config without an XML declaration: the config makes it xml.
  open_with_finding('web.config', 'webconfig', 'wildcard-origin-with-credentials')
  results.clients = #vim.lsp.get_active_clients()
  results.done = true
end

local ok, err = xpcall(main, debug.traceback)
if not ok then results.error = tostring(err) end
pcall(save)
-- Stop the server (bounded), then quit.
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.wait(3000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.cmd('qall!')
