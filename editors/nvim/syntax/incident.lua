-- Highlights incident reports as Markdown, plus observation and hypothesis IDs, verdicts and milestones.
if vim.b.current_syntax then
  return
end
vim.cmd([[
  runtime! syntax/markdown.vim
  unlet! b:current_syntax
  syntax match incidentId /\<[OH]\d\+\>/ containedin=ALLBUT,markdownCode,markdownCodeBlock,htmlComment
  syntax match incidentVerdict /\c\<\(confirmed\|rejected\)\>/ containedin=ALLBUT,markdownCode,markdownCodeBlock,htmlComment
  syntax match incidentMilestone /\c\[\(started\|detected\|mitigated\|resolved\)\]\s*$/ containedin=ALLBUT,markdownCode,markdownCodeBlock,htmlComment
  highlight default link incidentId Identifier
  highlight default link incidentVerdict Keyword
  highlight default link incidentMilestone Tag
]])
vim.b.current_syntax = "incident"
