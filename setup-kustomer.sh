#!/usr/bin/env bash
# setup-kustomer.sh: prepares this checkout to talk to a Kustomer org (or to the local sandbox).
#
# Checks Node, optionally installs redis-server and chromium, writes .env from .env.template with
# every value validated by the same rules as src/kustomer/config.ts and src/server/env.ts,
# generates ADMIN_TOKEN and CRON_SECRET when missing, installs dependencies and, when a key is set,
# tests the connection and the key's permissions. Safe to run again: existing values are kept.
#
# The API key is read only from the environment (KUSTOMER_API_KEY, or the variable named by
# --api-key-env) or from a hidden prompt: an argument would be visible to every user in `ps`.
# Secrets are never printed, and no value reaches an external command's arguments.
set -euo pipefail
shopt -s inherit_errexit # a failure inside $(...) stops the script too

readonly MIN_NODE_MAJOR=20 MIN_NODE_MINOR=19
readonly EXIT_USAGE=2 EXIT_CONNECTION=3 EXIT_WEBHOOK=4
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT ENV_FILE="$ROOT/.env" TEMPLATE="$ROOT/.env.template"

# Written to .env in this order when the file has no line for them yet.
readonly MANAGED=(KUSTOMER_API_KEY KUSTOMER_SUBDOMAIN KUSTOMER_REGION KUSTOMER_API_BASE_URL
  KUSTOMER_DEFAULT_TEAM_ID KUSTOMER_DEFAULT_PRIORITY ADMIN_TOKEN KUSTOMER_WEBHOOK_SECRET
  CRON_SECRET APP_URL)
# What an unquoted .env value cannot hold: Node's parser ends it at "#" and trims or unquotes it.
readonly UNSAFE='[[:space:]#"'"'"'\\]'
readonly SECRETS=" KUSTOMER_API_KEY ADMIN_TOKEN KUSTOMER_WEBHOOK_SECRET CRON_SECRET "

declare -A FLAG=() EXISTING=() VALUE=() ORIGIN=()
interactive=auto skip_install=0 system_deps=0 skip_test=0 sandbox=0 live=0 webhook=ask
key_env=KUSTOMER_API_KEY
tmp_file=''

usage() {
  cat <<'EOF'
Usage: ./setup-kustomer.sh [options]

Writes .env (from .env.template), installs dependencies and tests the Kustomer connection.
Run it again at any time: values already in .env are kept unless you pass new ones.

Options:
  --subdomain NAME        org sub-domain, e.g. acme for acme.kustomerapp.com  (KUSTOMER_SUBDOMAIN)
  --region us|eu|in       regional host when there is no sub-domain           (KUSTOMER_REGION)
  --api-base-url URL      explicit API base URL, e.g. a stand-alone sandbox   (KUSTOMER_API_BASE_URL)
  --team ID               default team id, 24 hex characters                  (KUSTOMER_DEFAULT_TEAM_ID)
  --priority P            default priority: 1-5 or lowest|low|medium|high|urgent (KUSTOMER_DEFAULT_PRIORITY)
  --app-url URL           public URL of the chat app                          (APP_URL)
  --api-key-env NAME      read the API key from environment variable NAME (default KUSTOMER_API_KEY)
  --sandbox               no API key: run on the embedded sandbox (clears KUSTOMER_API_KEY in .env)
  --non-interactive       never prompt (the default when stdin is not a terminal or CI is set)
  --interactive           prompt even when stdin is not a terminal
  --skip-install          do not run npm ci
  --skip-connection-test  do not run `npm run kustomer -- test-connection`
  --provision-webhook     create or check the Kustomer outbound webhook at APP_URL/api/webhooks/kustomer
                          (`npm run kustomer -- webhooks provision`; asked when interactive)
  --skip-webhook          do not provision the webhook, and do not ask
  --with-system-deps      apt-get install redis-server chromium (uses sudo when not root)
  -h, --help              this help

Without flags the same names can come from the environment (e.g. KUSTOMER_SUBDOMAIN=acme).
Secrets (KUSTOMER_API_KEY, KUSTOMER_WEBHOOK_SECRET, ADMIN_TOKEN, CRON_SECRET) are taken only from
the environment or a hidden prompt, never from arguments. ADMIN_TOKEN and CRON_SECRET are
generated when missing.

Exit codes: 0 done; 1 a step failed; 2 an invalid option or value (.env untouched);
3 .env written but the connection test failed; 4 .env written but the webhook provisioning failed.
EOF
}

say() { printf '%s\n' "$*"; }
fail() {
  printf 'setup-kustomer: %s\n' "$1" >&2
  exit "${2:-1}"
}
is_secret() { [[ $SECRETS == *" $1 "* ]]; }
trim() {
  local v=$1
  v="${v#"${v%%[![:space:]]*}"}"
  printf '%s' "${v%"${v##*[![:space:]]}"}"
}

parse_args() {
  local opt value
  while (($#)); do
    opt=$1
    value=''
    if [[ $opt == --*=* ]]; then
      value=${opt#*=}
      opt=${opt%%=*}
      set -- "$opt" "$value" "${@:2}"
    fi
    case $opt in
      --subdomain | --region | --api-base-url | --team | --priority | --app-url | --api-key-env)
        (($# >= 2)) || fail "$opt needs a value" "$EXIT_USAGE"
        take_flag "$opt" "$2"
        shift 2
        continue
        ;;
      --api-key | --key | --webhook-secret | --admin-token | --cron-secret)
        fail "$opt is not accepted: pass secrets through the environment (e.g. KUSTOMER_API_KEY=...) or the prompt; arguments are visible to every user in ps" "$EXIT_USAGE"
        ;;
      --sandbox) sandbox=1 ;;
      --non-interactive) interactive=0 ;;
      --interactive) interactive=1 ;;
      --skip-install) skip_install=1 ;;
      --skip-connection-test) skip_test=1 ;;
      --provision-webhook) webhook=yes ;;
      --skip-webhook) webhook=no ;;
      --with-system-deps) system_deps=1 ;;
      -h | --help) usage && exit 0 ;;
      *) fail "unknown option $opt (see --help)" "$EXIT_USAGE" ;;
    esac
    shift
  done
}

take_flag() {
  case $1 in
    --subdomain) FLAG[KUSTOMER_SUBDOMAIN]=$2 ;;
    --region) FLAG[KUSTOMER_REGION]=$2 ;;
    --api-base-url) FLAG[KUSTOMER_API_BASE_URL]=$2 ;;
    --team) FLAG[KUSTOMER_DEFAULT_TEAM_ID]=$2 ;;
    --priority) FLAG[KUSTOMER_DEFAULT_PRIORITY]=$2 ;;
    --app-url) FLAG[APP_URL]=$2 ;;
    --api-key-env)
      [[ $2 =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] ||
        fail "--api-key-env takes the name of an environment variable" "$EXIT_USAGE"
      key_env=$2
      ;;
  esac
}

check_node() {
  command -v node >/dev/null 2>&1 ||
    fail "Node.js $MIN_NODE_MAJOR.$MIN_NODE_MINOR or newer is required and node is not on PATH"
  local version major minor
  version=$(node -p 'process.versions.node' 2>/dev/null) || fail "could not run node"
  IFS=. read -r major minor _ <<<"$version"
  if ! [[ $major =~ ^[0-9]+$ && $minor =~ ^[0-9]+$ ]] ||
    ((major < MIN_NODE_MAJOR || (major == MIN_NODE_MAJOR && minor < MIN_NODE_MINOR))); then
    fail "Node.js $MIN_NODE_MAJOR.$MIN_NODE_MINOR or newer is required; found $version"
  fi
  say "Node.js $version"
}

install_system_deps() {
  command -v apt-get >/dev/null 2>&1 ||
    fail "--with-system-deps needs apt-get (Debian or Ubuntu); install redis-server and chromium yourself"
  local sudo=()
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || fail "--with-system-deps needs root or sudo"
    sudo=(sudo)
  fi
  say "Installing redis-server and chromium (apt-get)..."
  ${sudo[@]+"${sudo[@]}"} apt-get update
  ${sudo[@]+"${sudo[@]}"} env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends redis-server chromium
}

# The value of NAME in an existing .env (last assignment wins, as in Node's parser), unquoted.
read_existing() {
  [[ -f $ENV_FILE ]] || return 0
  local line name value
  while IFS= read -r line || [[ -n $line ]]; do
    [[ $line =~ ^[[:space:]]*(export[[:space:]]+)?([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=(.*)$ ]] || continue
    name=${BASH_REMATCH[2]}
    value=$(trim "${BASH_REMATCH[3]}")
    if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then
      value=${BASH_REMATCH[1]}
    else
      value=$(trim "${value%%#*}")
    fi
    EXISTING[$name]=$value
  done <"$ENV_FILE"
}

# Prints why VALUE is not valid for NAME (the rules of src/kustomer/config.ts and
# src/server/env.ts, plus what .env itself cannot hold); prints nothing when it is valid.
invalid_reason() {
  local name=$1 value=$2
  [[ -z $value ]] && return 0
  if [[ $value =~ $UNSAFE ]]; then
    say "$name must not contain spaces, quotes, # or backslashes (.env cannot hold them unquoted)"
    return 0
  fi
  case $name in
    KUSTOMER_API_KEY)
      ((${#value} >= 20)) || say "KUSTOMER_API_KEY looks too short to be a Kustomer API key" ;;
    KUSTOMER_SUBDOMAIN)
      [[ $value =~ ^[A-Za-z0-9][A-Za-z0-9-]{0,62}$ ]] ||
        say "KUSTOMER_SUBDOMAIN must be the org name only, e.g. \"acme\" for acme.kustomerapp.com" ;;
    KUSTOMER_REGION)
      [[ $value =~ ^(us|eu|in)$ ]] || say "KUSTOMER_REGION must be us, eu or in" ;;
    KUSTOMER_API_BASE_URL | APP_URL)
      [[ $value =~ ^https?://[^/?]+ ]] || say "$name must be an http(s) URL" ;;
    KUSTOMER_DEFAULT_TEAM_ID)
      [[ $value =~ ^[0-9a-f]{24}$ ]] ||
        say "KUSTOMER_DEFAULT_TEAM_ID must be a Kustomer team id (24 hex characters)" ;;
    KUSTOMER_DEFAULT_PRIORITY)
      [[ $value =~ ^0*[1-5]$ || ${value,,} =~ ^(lowest|low|medium|high|urgent)$ ]] ||
        say "KUSTOMER_DEFAULT_PRIORITY must be 1-5 or lowest, low, medium, high, urgent" ;;
    ADMIN_TOKEN)
      ((${#value} >= 16)) ||
        say "ADMIN_TOKEN must be at least 16 characters (32+ random characters recommended)" ;;
    CRON_SECRET)
      ((${#value} >= 16)) || say "CRON_SECRET must be at least 16 characters" ;;
    KUSTOMER_WEBHOOK_SECRET)
      ((${#value} >= 8)) || say "KUSTOMER_WEBHOOK_SECRET looks too short" ;;
  esac
}

# What the loaders accept in more spellings than this script writes.
normalize() {
  case $1 in
    KUSTOMER_REGION) printf '%s' "${2,,}" ;;
    KUSTOMER_DEFAULT_PRIORITY) printf '%s' "${2,,}" ;;
    *) printf '%s' "$2" ;;
  esac
}

# Reads one answer; a hidden one for secrets. Fails (naming NAME) at the end of input.
ask() {
  local name=$1 question=$2 answer=''
  printf '%s: ' "$question" >&2
  if is_secret "$name"; then
    IFS= read -r -s answer || [[ -n $answer ]] || fail "no answer for $name (end of input)"
    printf '\n' >&2
  else
    IFS= read -r answer || [[ -n $answer ]] || fail "no answer for $name (end of input)"
  fi
  printf '%s' "$answer"
}

# Sets VALUE[NAME] from the first source that has it: flag, environment, existing .env, then a
# prompt (when interactive and QUESTION is given). Invalid values are asked again on a prompt and
# are fatal otherwise; .env is not written until every value is valid.
resolve() {
  local name=$1 question=${2:-} env_name=${3:-$1} value origin reason
  if [[ -n ${FLAG[$name]+x} ]]; then
    value=${FLAG[$name]} origin=option
  elif [[ -n ${!env_name:-} ]]; then
    value=${!env_name} origin=environment
  else
    value=${EXISTING[$name]:-} origin=kept
  fi
  value=$(normalize "$name" "$(trim "$value")")
  reason=$(invalid_reason "$name" "$value")
  if [[ -n $reason ]]; then
    [[ $origin == kept ]] && reason="$reason (in $ENV_FILE)"
    [[ $interactive == 1 && -n $question ]] || fail "$reason" "$EXIT_USAGE"
    printf '%s\n' "$reason" >&2
    value=$(prompt_until_valid "$name" "$question" '')
    origin=entered
  elif [[ $interactive == 1 && -n $question && $origin == kept ]]; then
    value=$(prompt_until_valid "$name" "$question" "$value")
    [[ $value == "${EXISTING[$name]:-}" ]] || origin=entered
  fi
  VALUE[$name]=$value
  ORIGIN[$name]=$origin
}

prompt_until_valid() {
  local name=$1 question=$2 current=$3 answer reason hint
  if [[ -n $current ]]; then
    if is_secret "$name"; then hint='Enter keeps the current one'; else hint="Enter keeps $current"; fi
  elif [[ $name == KUSTOMER_API_KEY ]]; then
    hint='Enter for sandbox mode'
  else
    hint='Enter to skip'
  fi
  while true; do
    answer=$(ask "$name" "$question ($hint)")
    answer=$(normalize "$name" "$(trim "$answer")")
    [[ -z $answer ]] && answer=$current
    reason=$(invalid_reason "$name" "$answer")
    [[ -z $reason ]] && break
    printf '%s; try again.\n' "$reason" >&2
  done
  printf '%s' "$answer"
}

# Org details only matter with a key: on the sandbox they come from options, and are not asked.
question() {
  if ((live)); then printf '%s' "$1"; fi
}

random_secret() {
  local secret
  secret=$(openssl rand -hex 32 2>/dev/null) ||
    secret=$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("hex"))') ||
    fail "could not generate a random secret (neither openssl nor node worked)"
  printf '%s' "$secret"
}

gather_values() {
  if ((sandbox)); then
    VALUE[KUSTOMER_API_KEY]='' ORIGIN[KUSTOMER_API_KEY]=option
  else
    resolve KUSTOMER_API_KEY 'Kustomer API key, input hidden' "$key_env"
  fi
  [[ -n ${VALUE[KUSTOMER_API_KEY]} ]] && live=1
  resolve KUSTOMER_SUBDOMAIN "$(question 'Kustomer sub-domain, e.g. acme for acme.kustomerapp.com')"
  if [[ -z ${VALUE[KUSTOMER_SUBDOMAIN]} ]]; then
    resolve KUSTOMER_REGION "$(question 'Kustomer region: us, eu or in')"
  else
    resolve KUSTOMER_REGION
  fi
  resolve KUSTOMER_API_BASE_URL
  resolve KUSTOMER_DEFAULT_TEAM_ID "$(question 'Default team id (24 hex characters)')"
  resolve KUSTOMER_DEFAULT_PRIORITY "$(question 'Default priority: 1-5 or low, medium, high, urgent')"
  resolve KUSTOMER_WEBHOOK_SECRET "$(question 'Outbound webhook signing token, input hidden')"
  resolve APP_URL "$(question 'Public URL of the chat app, e.g. https://chat.example.com')"
  for name in ADMIN_TOKEN CRON_SECRET; do
    resolve "$name"
    if [[ -z ${VALUE[$name]} ]]; then
      VALUE[$name]=$(random_secret)
      ORIGIN[$name]=generated
    fi
  done
}

# Writes .env atomically: a temporary file in the same folder, renamed over .env, so a failure at
# any point leaves the old file (or none) in place. Lines for managed names are replaced in place,
# so running again never duplicates them; every other line is kept as it is.
write_env() {
  local source=$TEMPLATE line name commented
  [[ -f $ENV_FILE ]] && source=$ENV_FILE
  [[ -f $source ]] || fail "$TEMPLATE is missing"
  local -A written=() managed=()
  for name in "${MANAGED[@]}"; do managed[$name]=1; done
  tmp_file=$(mktemp "$ROOT/.env.XXXXXX")
  chmod 600 "$tmp_file"
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line =~ ^(#[[:space:]]*)?([A-Z][A-Z0-9_]*)= && -n ${managed[${BASH_REMATCH[2]}]:-} ]]; then
      name=${BASH_REMATCH[2]} commented=${BASH_REMATCH[1]}
      if [[ -n ${written[$name]:-} ]]; then
        [[ -n $commented ]] && printf '%s\n' "$line"
        continue
      fi
      if [[ -z $commented || -n ${VALUE[$name]} ]]; then
        printf '%s=%s\n' "$name" "${VALUE[$name]}"
        written[$name]=1
        continue
      fi
    fi
    printf '%s\n' "$line"
  done <"$source" >"$tmp_file"
  for name in "${MANAGED[@]}"; do
    [[ -z ${written[$name]:-} && -n ${VALUE[$name]} ]] &&
      printf '%s=%s\n' "$name" "${VALUE[$name]}" >>"$tmp_file"
  done
  mv -f "$tmp_file" "$ENV_FILE"
  tmp_file=''
}

print_summary() {
  local name shown
  say "Wrote $ENV_FILE:"
  for name in "${MANAGED[@]}"; do
    if [[ -z ${VALUE[$name]} ]]; then
      shown='(not set)'
    elif is_secret "$name"; then
      shown="(hidden, ${ORIGIN[$name]})"
    else
      shown="${VALUE[$name]} (${ORIGIN[$name]})"
    fi
    printf '  %-26s %s\n' "$name" "$shown"
  done
}

install_dependencies() {
  if ((skip_install)); then
    say "Skipping npm ci (--skip-install)."
    return
  fi
  say "Installing dependencies (npm ci)..."
  (cd "$ROOT" && npm ci --no-audit --no-fund)
}

# npm run dev, doctor and kustomer run through tsx: without node_modules they fail with
# "tsx: not found", so after --skip-install the next steps start with npm ci.
deps_installed() {
  [[ -e "$ROOT/node_modules/.bin/tsx" ]]
}

# `npm run kustomer -- ARGS` with the values in the environment of that one command, never in
# its arguments.
kustomer_cli() {
  (cd "$ROOT" &&
    KUSTOMER_API_KEY=${VALUE[KUSTOMER_API_KEY]} \
      KUSTOMER_SUBDOMAIN=${VALUE[KUSTOMER_SUBDOMAIN]} \
      KUSTOMER_REGION=${VALUE[KUSTOMER_REGION]} \
      KUSTOMER_API_BASE_URL=${VALUE[KUSTOMER_API_BASE_URL]} \
      APP_URL=${VALUE[APP_URL]} \
      npm run --silent kustomer -- "$@")
}

# Exit 0 from the command means connected with every permission the module needs.
connection_test() {
  say "Testing the connection and the key's permissions..."
  if kustomer_cli test-connection; then
    say "Connected: the key has every permission the module needs."
    return
  fi
  fail "the connection test failed (details above). .env is saved: fix the key, its roles or the region, then run ./setup-kustomer.sh again or npm run kustomer -- test-connection" "$EXIT_CONNECTION"
}

# Whether to provision: the flag, else a question when interactive, else no.
want_webhook() {
  [[ $webhook == yes ]] && return 0
  [[ $webhook == no || $interactive != 1 ]] && return 1
  local answer
  printf 'Create or check the Kustomer outbound webhook (agent replies and closes) at %s/api/webhooks/kustomer now? [y/N]: ' \
    "${VALUE[APP_URL]:-APP_URL}" >&2
  IFS= read -r answer || true
  [[ $answer == [yY]* ]]
}

# The server's own code path (src/escalation/webhook-provisioning.ts, as the Integrations page's
# Create webhook button): the signing token goes to the store the server reads, never to output.
provision_webhook() {
  say "Provisioning the outbound webhook..."
  if kustomer_cli webhooks provision; then
    webhook=done
    return
  fi
  fail "the webhook could not be provisioned (details above). .env is saved: fix APP_URL (https) or the key's outbound_webhook roles, then run npm run kustomer -- webhooks provision, or create it by hand (docs/admin-guide.md)" "$EXIT_WEBHOOK"
}

next_steps() {
  say ""
  say "Next steps:"
  deps_installed ||
    say "  npm ci                          install the dependencies first (skipped with --skip-install)"
  if [[ -z ${VALUE[KUSTOMER_API_KEY]} ]]; then
    say "  Sandbox mode (no KUSTOMER_API_KEY): npm run dev, then open http://localhost:5173"
    say "  The Integrations page asks for ADMIN_TOKEN; it is in .env."
    say "  To connect a real org: KUSTOMER_API_KEY=... ./setup-kustomer.sh --subdomain <org>"
  else
    say "  npm run doctor                  check configuration, store, connection and permissions"
    say "  npm run dev                     the app on http://localhost:5173 (sign in with ADMIN_TOKEN from .env)"
    [[ -z ${VALUE[KUSTOMER_WEBHOOK_SECRET]} && $webhook != done ]] &&
      say "  npm run kustomer -- webhooks provision   create the outbound webhook (or Settings › Integrations › Diagnostics)"
  fi
  say "  Deploying to Vercel: docs/admin-guide.md"
}

main() {
  parse_args "$@"
  if [[ $interactive == auto ]]; then
    interactive=0
    [[ -t 0 && (-z ${CI:-} || ${CI:-} == false) ]] && interactive=1
  fi
  trap 'if [[ -n $tmp_file ]]; then rm -f "$tmp_file"; fi' EXIT
  check_node
  ((system_deps)) && install_system_deps
  read_existing
  gather_values
  write_env
  print_summary
  install_dependencies
  if [[ -n ${VALUE[KUSTOMER_API_KEY]} ]] && ((!skip_test)); then
    if deps_installed; then
      connection_test
    else
      say "Skipping the connection test: the dependencies are not installed. Run npm ci, then npm run kustomer -- test-connection."
    fi
  fi
  if [[ -n ${VALUE[KUSTOMER_API_KEY]} ]] && want_webhook; then
    if deps_installed; then
      provision_webhook
    else
      say "Skipping the webhook: the dependencies are not installed. Run npm ci, then npm run kustomer -- webhooks provision."
    fi
  fi
  next_steps
}

main "$@"
