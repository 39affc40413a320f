#!/usr/bin/env bash
# Takes an online backup of a running StarSync (embedded database) and downloads it.
#
#   STARSYNC_URL=http://localhost:5000 \
#   STARSYNC_BACKUP_EMAIL=backups@example.com STARSYNC_BACKUP_PASSWORD='…' \
#   scripts/backup.sh [download-folder]
#
# The account must be an admin. StarSync signs an account in on one device at a time, so give scripts an admin
# account of their own: signing in here signs that account out everywhere else.
# The backup also stays in the app's backup folder (data/backups); the download is a second copy.
set -euo pipefail

url="${STARSYNC_URL:-http://localhost:5000}"
email="${STARSYNC_BACKUP_EMAIL:?set STARSYNC_BACKUP_EMAIL to an admin account for scripts}"
password="${STARSYNC_BACKUP_PASSWORD:?set STARSYNC_BACKUP_PASSWORD}"
target="${1:-.}"

field() { grep -o "\"$1\":\"[^\"]*\"" | head -n1 | cut -d'"' -f4; }
json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }

login=$(curl -sS --fail-with-body -H 'Content-Type: application/json' \
  -d "{\"email\":\"$(json_escape "$email")\",\"password\":\"$(json_escape "$password")\"}" "$url/api/v1/auth/login") \
  || { echo "Sign-in failed: $login" >&2; exit 1; }
token=$(printf '%s' "$login" | field accessToken)

created=$(curl -sS --fail-with-body -X POST -H "Authorization: Bearer $token" "$url/api/v1/admin/backups") \
  || { echo "The backup failed: $created" >&2; exit 1; }
name=$(printf '%s' "$created" | field name)

mkdir -p "$target"
curl -sS --fail -H "Authorization: Bearer $token" -o "$target/$name" "$url/api/v1/admin/backups/$name"
curl -sS -X POST -H "Authorization: Bearer $token" "$url/api/v1/auth/logout" >/dev/null || true
echo "$target/$name"
