"""Turning the status model into HTML: one small module per part of the page.

Every render function takes a `View` (tree, state, snapshot and the page it is
on) and returns markupsafe `Markup`; people's text is escaped or cleaned by
`macros.text`, never evaluated as a template.
"""
