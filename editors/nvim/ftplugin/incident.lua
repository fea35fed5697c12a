-- Buffer-local settings for incident reports, which are Markdown prose.
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = 1

vim.bo.commentstring = "<!-- %s -->"
vim.opt_local.wrap = true
vim.opt_local.linebreak = true
vim.opt_local.spell = true

vim.b.undo_ftplugin = "setlocal commentstring< wrap< linebreak< spell<"
