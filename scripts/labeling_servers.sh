#!/usr/bin/env bash
# Install, start and stop the real Label Studio and doccano servers that the labeling tests
# (tests/test_labeling_servers.py) talk to. Each tool gets its own virtual environment under
# .venvs/ so its pinned dependencies never touch the project's .venv.
#
#   bash scripts/labeling_servers.sh install                 # idempotent; fast when installed
#   bash scripts/labeling_servers.sh start label-studio DATA_DIR PORT
#   bash scripts/labeling_servers.sh start doccano DATA_DIR PORT
#   bash scripts/labeling_servers.sh stop DATA_DIR           # kills the PIDs written at start
#
# Both servers listen on 127.0.0.1 only and are told not to call home: no usage analytics,
# no error reports, no version checks, no feature-flag service. `start` prints nothing but
# returns once the server process is launched; the caller polls the HTTP port.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
PYTHON="${PYTHON:-python3}"
LS_VERSION="1.23.2"
DOCCANO_VERSION="1.8.4"
LS_VENV="$ROOT/.venvs/label-studio"
DOCCANO_VENV="$ROOT/.venvs/doccano"
# Test-only credentials for throw-away servers with temporary data directories.
ADMIN_USER="${LABELING_ADMIN_USER:-admin}"
ADMIN_EMAIL="${LABELING_ADMIN_EMAIL:-admin@example.com}"
ADMIN_PASSWORD="${LABELING_ADMIN_PASSWORD:-govreport-nlp-test}"

install_venv() {  # install_venv VENV REQUIREMENT...
  local venv="$1" marker="$1/.installed"
  shift
  if [ -f "$marker" ] && [ "$(cat "$marker")" = "$*" ]; then
    return 0
  fi
  rm -rf "$venv"
  "$PYTHON" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
  echo "$*" > "$marker"
}

# Environment that keeps Label Studio quiet (read in label_studio/core/settings/base.py and
# label_studio/core/utils/common.py of 1.23).
label_studio_env() {
  export LABEL_STUDIO_BASE_DATA_DIR="$1"
  export COLLECT_ANALYTICS=false          # no usage events
  export SENTRY_DSN=""                    # no server error reports
  export FRONTEND_SENTRY_DSN=""           # no browser error reports
  export LATEST_VERSION_CHECK=false       # no PyPI version lookup at start
  export FEATURE_FLAGS_OFFLINE=true       # feature flags from the local file, not LaunchDarkly
  export LABEL_STUDIO_USERNAME="$ADMIN_EMAIL"
  export LABEL_STUDIO_PASSWORD="$ADMIN_PASSWORD"
  export LABEL_STUDIO_USER_TOKEN="${LABEL_STUDIO_USER_TOKEN:-govreportnlptesttoken0000000000000000000}"
  export DJANGO_DB=sqlite
}

# doccano reads these in backend/cli.py and backend/config/settings/base.py of 1.8; it has no
# telemetry of its own, but `doccano webserver` binds 0.0.0.0, so the web app is run with
# gunicorn on loopback instead, and the import/export worker with celery directly.
doccano_env() {
  export DOCCANO_HOME="$1"
  export DATABASE_URL="sqlite:///$1/doccano.sqlite3"   # the celery broker uses the same sqlite file
  export MEDIA_ROOT="$1/media"
  export DJANGO_SETTINGS_MODULE=config.settings.production
  export STANDALONE=True                                # serve the bundled web client
  export DEBUG=False
}

start_label_studio() {  # DATA_DIR PORT
  local data="$1" port="$2"
  label_studio_env "$data"
  mkdir -p "$data"
  nohup "$LS_VENV/bin/label-studio" start --no-browser --internal-host 127.0.0.1 --port "$port" \
    --host "http://127.0.0.1:$port" --data-dir "$data" \
    --username "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD" --user-token "$LABEL_STUDIO_USER_TOKEN" \
    --enable-legacy-api-token > "$data/label-studio.log" 2>&1 &
  echo $! >> "$data/pids"
}

start_doccano() {  # DATA_DIR PORT
  local data="$1" port="$2" app_dir
  mkdir -p "$data/media"
  doccano_env "$data"
  {
    "$DOCCANO_VENV/bin/doccano" init
    "$DOCCANO_VENV/bin/doccano" createuser --username "$ADMIN_USER" --password "$ADMIN_PASSWORD" \
      --email "$ADMIN_EMAIL"
  } > "$data/doccano-init.log" 2>&1
  app_dir="$("$DOCCANO_VENV/bin/python" -c 'import backend, os; print(os.path.dirname(backend.__file__))')"
  nohup "$DOCCANO_VENV/bin/gunicorn" --bind "127.0.0.1:$port" --workers 1 --chdir "$app_dir" \
    config.wsgi > "$data/doccano-web.log" 2>&1 &
  echo $! >> "$data/pids"
  nohup "$DOCCANO_VENV/bin/celery" --app=config --workdir="$app_dir" worker --loglevel=INFO --pool=solo \
    > "$data/doccano-worker.log" 2>&1 &
  echo $! >> "$data/pids"
}

running() {  # running PID: true while the process exists and is not a zombie
  [ -e "/proc/$1" ] && ! grep -q '^[0-9]* (.*) Z' "/proc/$1/stat" 2>/dev/null
}

stop_servers() {  # DATA_DIR: stop exactly the processes this script started there
  local data="$1" pid waited
  [ -f "$data/pids" ] || return 0
  while read -r pid; do
    kill "$pid" 2>/dev/null || true
  done < "$data/pids"
  while read -r pid; do
    waited=0
    while running "$pid" && [ "$waited" -lt 150 ]; do sleep 0.1; waited=$((waited + 1)); done
    if running "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
  done < "$data/pids"
  rm -f "$data/pids"
}

case "${1:-}" in
  install)
    install_venv "$LS_VENV" "label-studio==$LS_VERSION"
    # doccano 1.8 leaves two ranges open that break it: environs 9 fails on marshmallow 4 (no
    # __version_info__) and its pandas 1.x on numpy 2 (binary incompatibility).
    install_venv "$DOCCANO_VENV" "doccano==$DOCCANO_VERSION" "marshmallow<4" "numpy<2"
    ;;
  start)
    case "${2:-}" in
      label-studio) start_label_studio "$3" "$4" ;;
      doccano) start_doccano "$3" "$4" ;;
      *) echo "usage: $0 start label-studio|doccano DATA_DIR PORT" >&2; exit 2 ;;
    esac
    ;;
  stop) stop_servers "$2" ;;
  *) echo "usage: $0 install | start label-studio|doccano DATA_DIR PORT | stop DATA_DIR" >&2; exit 2 ;;
esac
