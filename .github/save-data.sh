#!/usr/bin/env bash
# Commit files to the data branch ($DATA_BRANCH) and push them, in one commit.
# Used by publish.yml; the branch is created on first use. A name that matches
# no file (an unmatched pattern such as status/snapshot.json.broken-*) is skipped.
set -euo pipefail
files=()
for file in "$@"; do
  if [ -f "$file" ]; then files+=("$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"); fi
done
if [ "${#files[@]}" -eq 0 ]; then echo "nothing to save: none of $* exists"; exit 0; fi
remote="https://x-access-token:${GITHUB_TOKEN}@github.com/${GITHUB_REPOSITORY}.git"
work="$(mktemp -d)"
git init -q "$work"
cd "$work"
git config user.name "bedside-bot"
git config user.email "bedside-bot@users.noreply.github.com"
if git fetch -q --depth 1 "$remote" "$DATA_BRANCH" 2>/dev/null; then
  git checkout -q -b "$DATA_BRANCH" FETCH_HEAD
else
  git checkout -q --orphan "$DATA_BRANCH"
fi
names=()
for file in "${files[@]}"; do
  cp "$file" "$(basename "$file")"
  git add "$(basename "$file")"
  names+=("$(basename "$file")")
done
if git diff --cached --quiet; then
  echo "${names[*]} unchanged"
  exit 0
fi
git commit -q -m "Update ${names[*]}"
git push -q "$remote" "HEAD:$DATA_BRANCH"
echo "saved ${names[*]} to $DATA_BRANCH"
