#!/usr/bin/env bash
# Copy one file from the data branch ($DATA_BRANCH) into status/, if it is there.
# Used by publish.yml. If the branch exists but cannot be read, stop the run:
# going on without the file would lose the feed history or send
# notifications twice.
set -euo pipefail
name="$1"
remote="https://x-access-token:${GITHUB_TOKEN}@github.com/${GITHUB_REPOSITORY}.git"
set +e
git ls-remote --exit-code --heads "$remote" "$DATA_BRANCH" >/dev/null 2>&1
found=$?
set -e
if [ "$found" -eq 2 ]; then
  echo "No $DATA_BRANCH branch yet: starting without $name."
  exit 0
elif [ "$found" -ne 0 ]; then
  echo "Cannot read the $DATA_BRANCH branch; stopping so that nothing is lost or sent twice." >&2
  exit 1
fi
git fetch -q --depth 1 "$remote" "$DATA_BRANCH"
if git cat-file -e "FETCH_HEAD:$name" 2>/dev/null; then
  git show "FETCH_HEAD:$name" > "status/$name"
  echo "Restored status/$name from $DATA_BRANCH."
else
  echo "$DATA_BRANCH has no $name yet: starting without it."
fi
