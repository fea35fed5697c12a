-- Detects incident reports: `*.incident` and `*.incident.md` (the latter ahead of Markdown).
vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
  group = vim.api.nvim_create_augroup("incident_lint_ftdetect", { clear = true }),
  pattern = { "*.incident", "*.incident.md" },
  callback = function()
    vim.bo.filetype = "incident"
  end,
})
