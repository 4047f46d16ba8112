#!/usr/bin/env bash
# Commit one file to the data branch ($DATA_BRANCH) and push it.
# Used by publish.yml; the branch is created on first use.
set -euo pipefail
file="$1"
[ -f "$file" ] || { echo "nothing to save: $file does not exist"; exit 0; }
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
cp "$OLDPWD/$file" "$(basename "$file")"
git add "$(basename "$file")"
if git diff --cached --quiet; then
  echo "$(basename "$file") unchanged"
  exit 0
fi
git commit -q -m "Update $(basename "$file")"
git push -q "$remote" "HEAD:$DATA_BRANCH"
echo "saved $(basename "$file") to $DATA_BRANCH"
