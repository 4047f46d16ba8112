"""The published status document: what `status.json` and `api/v2/*.json` say.

It sits below both the HTML renderer (`macros.render`, which shows
`page.updated_at` and each audience's fingerprint) and the file writers
(`macros.outputs`), so the build context can compute it once without
importing any writer. `Edition` is the data, state and addresses one set of
outputs is written from; `statuspage.api_documents` is the document itself.
"""
