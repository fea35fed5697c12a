-- Starts the `incident-lint lsp` language server for `incident` buffers.
-- Uses `vim.lsp.start` on Neovim 0.8 and later, and `vim.lsp.start_client` on 0.7.
local M = {}

local defaults = {
  -- Path to the `incident-lint` executable.
  cmd = "incident-lint",
  -- Extra arguments passed after `incident-lint lsp`.
  args = {},
  -- Names that mark the project root, tried in order, each searched upward from the file; `.git` may be a file.
  root_markers = { "incident-lint.toml", ".git" },
  -- Called with (client, bufnr) when the server attaches to a buffer; `false` for nothing.
  -- The default sets the buffer's omnifunc and keymaps (see `M.default_on_attach`).
  on_attach = nil,
  -- The server's settings (`select`, `extendSelect`, `ignore`, `preview`, `preset`), sent as
  -- the `incident-lint` section of the client's settings; they win over incident-lint.toml.
  settings = {},
}

local uv = vim.uv or vim.loop
local options = vim.deepcopy(defaults)
-- Clients started through `vim.lsp.start_client`, by root directory (Neovim 0.7 only).
local legacy_clients = {}
local warned_missing = false

local function find_upward(start_dir, marker)
  local dir = start_dir
  while true do
    if uv.fs_stat(dir .. "/" .. marker) then
      return dir
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return nil
    end
    dir = parent
  end
end

--- Returns the project root of a file: the nearest directory with a root marker, else the file's directory.
function M.root_dir(file_path)
  local file_dir = vim.fn.fnamemodify(file_path, ":p:h")
  for _, marker in ipairs(options.root_markers) do
    local root = find_upward(file_dir, marker)
    if root then
      return root
    end
  end
  return file_dir
end

--- What the plugin does when the server attaches, unless `on_attach` says otherwise: completion
--- with <C-x><C-o> (Neovim 0.7 and 0.8 set no omnifunc by themselves), and buffer keymaps
--- K (hover), gd (go to definition) and <leader>ca (code action).
function M.default_on_attach(_, bufnr)
  vim.api.nvim_buf_set_option(bufnr, "omnifunc", "v:lua.vim.lsp.omnifunc")
  local function map(lhs, rhs, desc)
    vim.keymap.set("n", lhs, rhs, { buffer = bufnr, silent = true, desc = desc })
  end
  map("K", vim.lsp.buf.hover, "incident-lint: hover")
  map("gd", vim.lsp.buf.definition, "incident-lint: go to definition")
  map("<leader>ca", vim.lsp.buf.code_action, "incident-lint: code action")
end

local function client_config(root)
  local cmd = { vim.fn.expand(options.cmd), "lsp" }
  vim.list_extend(cmd, options.args)
  local on_attach = options.on_attach
  if on_attach == nil then
    on_attach = M.default_on_attach
  elseif on_attach == false then
    on_attach = nil
  end
  return {
    name = "incident-lint",
    cmd = cmd,
    root_dir = root,
    on_attach = on_attach,
    -- Only when set: Lua encodes an empty table as a JSON list, not an object.
    settings = next(options.settings) and { ["incident-lint"] = options.settings } or nil,
  }
end

--- Starts the server for a buffer, or attaches the buffer to the running server of its root.
function M.attach(bufnr)
  local file_path = vim.api.nvim_buf_get_name(bufnr)
  if file_path == "" then
    return
  end
  if vim.fn.executable(vim.fn.expand(options.cmd)) ~= 1 then
    if not warned_missing then
      warned_missing = true
      vim.notify(
        ("incident-lint: `%s` was not found; install it or pass `cmd` to require('incident_lint').setup()"):format(options.cmd),
        vim.log.levels.WARN
      )
    end
    return
  end
  local config = client_config(M.root_dir(file_path))
  if vim.lsp.start then
    -- Neovim 0.8.0 attaches `vim.lsp.start` to the current buffer and ignores `bufnr`.
    vim.api.nvim_buf_call(bufnr, function()
      vim.lsp.start(config, { bufnr = bufnr })
    end)
    return
  end
  local client_id = legacy_clients[config.root_dir]
  if not (client_id and vim.lsp.get_client_by_id(client_id)) then
    client_id = vim.lsp.start_client(config)
    legacy_clients[config.root_dir] = client_id
  end
  if client_id then
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
end

--- Configures the plugin and starts the server for every `incident` buffer, including those already open.
--- Options: `cmd` (string), `args` (list of strings), `root_markers` (list of names),
--- `on_attach` (function(client, bufnr), or `false`; the default is `M.default_on_attach`),
--- `settings` (table: the server's settings, see the README).
function M.setup(user_options)
  options = vim.tbl_deep_extend("force", vim.deepcopy(defaults), user_options or {})
  warned_missing = false
  vim.api.nvim_create_autocmd("FileType", {
    group = vim.api.nvim_create_augroup("incident_lint", { clear = true }),
    pattern = "incident",
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == "incident" then
      M.attach(bufnr)
    end
  end
end

return M
