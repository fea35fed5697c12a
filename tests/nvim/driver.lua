-- Drives headless Neovim for tests/nvim.rs: loads the editors/nvim plugin, opens an incident
-- file, waits for incident-lint's diagnostics, writes them to a file, applies the quick fix that
-- inserts an Observe section, and saves the buffer.
--
-- Environment: INCIDENT_LINT_PLUGIN (the plugin folder), INCIDENT_LINT_BIN (the executable),
-- INCIDENT_FIXTURE (the file to open), INCIDENT_REPORT (where to write what happened).
-- Report lines: `filetype <ft>`, `diagnostic <code> <line> <message>`, `omnifunc <value>`,
-- `keymap <lhs>` (buffer-local), `hover answered`, `applied <title>`,
-- `error <message>`, and `done` at the end.

local report_lines = {}
local function report(line)
  table.insert(report_lines, line)
end

local function flush_and_quit()
  report("done")
  local file = io.open(os.getenv("INCIDENT_REPORT"), "w")
  if file then
    file:write(table.concat(report_lines, "\n") .. "\n")
    file:close()
  end
  vim.cmd("qall!")
end

local function diagnostic_code(diagnostic)
  if diagnostic.code then
    return diagnostic.code
  end
  local lsp = diagnostic.user_data and diagnostic.user_data.lsp
  return lsp and lsp.code or "?"
end

local function run()
  vim.opt.runtimepath:append(os.getenv("INCIDENT_LINT_PLUGIN"))
  vim.cmd("filetype on")
  require("incident_lint").setup({ cmd = os.getenv("INCIDENT_LINT_BIN") })
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("INCIDENT_FIXTURE")))
  local bufnr = vim.api.nvim_get_current_buf()
  report("filetype " .. vim.bo[bufnr].filetype)

  local got_diagnostics = vim.wait(30000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50)
  if not got_diagnostics then
    report("error no diagnostics within 30 s")
    return
  end
  local target
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    local code = diagnostic_code(diagnostic)
    local message = diagnostic.message:gsub("\n", " ")
    report(("diagnostic %s %d %s"):format(code, diagnostic.lnum, message))
    if code == "INC101" then
      target = diagnostic
    end
  end
  if not target then
    report("error no INC101 diagnostic")
    return
  end

  -- The default on_attach: omnifunc and buffer keymaps.
  report("omnifunc " .. vim.bo[bufnr].omnifunc)
  for _, lhs in ipairs({ "K", "gd", "<leader>ca" }) do
    local mapping = vim.fn.maparg(lhs, "n", false, true)
    if mapping.buffer == 1 then
      report("keymap " .. lhs)
    end
  end
  local hovers = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = target.lnum, character = target.col },
  }, 10000) or {}
  for _, response in pairs(hovers) do
    if response.result and response.result.contents then
      report("hover answered")
    end
  end

  local clients = vim.lsp.buf_get_clients(bufnr)
  local client
  for _, candidate in pairs(clients) do
    client = candidate
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = {
      start = { line = target.lnum, character = target.col },
      ["end"] = { line = target.end_lnum or target.lnum, character = target.end_col or target.col },
    },
    context = { diagnostics = {}, only = { "quickfix" } },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000) or {}
  local applied = false
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      if not applied and action.edit and action.title:find("Observe", 1, true) then
        vim.lsp.util.apply_workspace_edit(action.edit, client and client.offset_encoding or "utf-16")
        report("applied " .. action.title)
        applied = true
      end
    end
  end
  if not applied then
    report("error no code action inserts an Observe section")
    return
  end
  vim.cmd("write")
end

local ok, message = pcall(run)
if not ok then
  report("error " .. tostring(message))
end
flush_and_quit()
